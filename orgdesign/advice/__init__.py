"""Turning the engine's conclusions into advice: JSON and readable text."""
