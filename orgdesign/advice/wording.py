"""Fit and confidence in words a client reads correctly (bands in knowledge/inference.yaml).

>>> words = {"fit": [{"min": 0.7, "text": "a strong match"}, {"min": 0, "text": "hardly a match"}],
...          "confidence": [{"min": 0.6, "text": "moderate"}, {"min": 0, "text": "low"}]}
>>> in_words(words, "fit", 0.71), in_words(words, "confidence", 0.2)
('a strong match', 'low')
"""


def in_words(words, kind, number):
    for band in sorted(words[kind], key=lambda b: -b["min"]):
        if number >= band["min"]:
            return band["text"]
    return words[kind][-1]["text"]


def fit_words(knowledge, fit):
    return in_words(knowledge.inference["words"], "fit", fit)


def confidence_words(knowledge, confidence):
    return in_words(knowledge.inference["words"], "confidence", confidence)
