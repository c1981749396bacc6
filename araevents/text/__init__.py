"""Arabic text handling with character offsets: tokens, sentences, normalisation."""

from araevents.text.normalize import NormalizedText, fold, fold_with_offsets, normalize_for_model
from araevents.text.tokenize import Token, split_sentences, word_tokenize

__all__ = [
    "NormalizedText",
    "Token",
    "fold",
    "fold_with_offsets",
    "normalize_for_model",
    "split_sentences",
    "word_tokenize",
]
