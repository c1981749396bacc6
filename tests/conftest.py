"""Shared fixtures: a TINY random-weight BERT token classifier built on the fly.

``make_tiny_model(folder)`` writes a complete Hugging Face model folder (config.json with the
schema's id2label, model.safetensors, a WordPiece tokenizer trained with ``tokenizers`` on a
few Arabic sentences) in well under two seconds, so tests of loading, tagging, training and
publishing run without network or the real embedded model. Its predictions are random but
deterministic (fixed seed).
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable

import pytest

TINY_CORPUS = [
    "التقى وزير الخارجية الروسي سيرغي لافروف نظيره الأميركي جون كيري في جنيف اليوم الخميس.",
    "أعلنت وزارة الخارجية الروسية أن الوزيرين بحثا النزاع السوري في نيويورك.",
    "وقال المبعوث الأممي ستافان دي ميستورا إن المفاوضات ستستأنف الأسبوع المقبل.",
    "استقبل أمير قطر الشيخ تميم بن حمد وزير الخارجية السعودي عادل الجبير في الدوحة.",
    "ودعا الأمين العام للأمم المتحدة إلى وقف إطلاق النار في حلب، واتهمت واشنطن موسكو بخرق الهدنة.",
    "أجرى الرئيس المصري اتصالا هاتفيا مع العاهل السعودي، واتفقا على تعزيز العلاقات بين البلدين.",
    "يصل رئيس الوزراء الإثيوبي إلى نيروبي في زيارة رسمية، ورفضت طهران الاتهامات وقررت طرد السفير.",
]


def make_tiny_model(
    folder: str | Path,
    *,
    hidden_size: int = 32,
    num_layers: int = 2,
    max_position_embeddings: int = 128,
    vocab_size: int = 400,
    seed: int = 0,
) -> Path:
    """Write a tiny BERT token classifier with the schema's labels to ``folder``; returns it."""
    import torch
    from tokenizers import Tokenizer, models, normalizers, pre_tokenizers, processors, trainers
    from transformers import BertConfig, BertForTokenClassification, PreTrainedTokenizerFast

    from araevents.schema import id2label, label2id

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    specials = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]
    tok = Tokenizer(models.WordPiece(unk_token="[UNK]"))
    tok.normalizer = normalizers.BertNormalizer(lowercase=False, strip_accents=False, clean_text=True)
    tok.pre_tokenizer = pre_tokenizers.BertPreTokenizer()
    tok.train_from_iterator(TINY_CORPUS * 3, trainers.WordPieceTrainer(vocab_size=vocab_size, special_tokens=specials))
    cls_id, sep_id = tok.token_to_id("[CLS]"), tok.token_to_id("[SEP]")
    tok.post_processor = processors.TemplateProcessing(
        single="[CLS] $A [SEP]", pair="[CLS] $A [SEP] $B [SEP]", special_tokens=[("[CLS]", cls_id), ("[SEP]", sep_id)]
    )
    fast = PreTrainedTokenizerFast(
        tokenizer_object=tok,
        unk_token="[UNK]", pad_token="[PAD]", cls_token="[CLS]", sep_token="[SEP]", mask_token="[MASK]",
        model_max_length=max_position_embeddings,
    )
    fast.save_pretrained(folder)
    torch.manual_seed(seed)
    config = BertConfig(
        vocab_size=tok.get_vocab_size(),
        hidden_size=hidden_size,
        num_hidden_layers=num_layers,
        num_attention_heads=2,
        intermediate_size=hidden_size * 2,
        max_position_embeddings=max_position_embeddings,
        id2label=dict(id2label),
        label2id=dict(label2id),
    )
    BertForTokenClassification(config).save_pretrained(folder)
    return folder


@pytest.fixture(scope="session")
def tiny_model_factory(tmp_path_factory: pytest.TempPathFactory) -> Callable[..., Path]:
    """``tiny_model_factory(**kwargs)`` → a fresh tiny model folder (kwargs of make_tiny_model)."""
    counter = iter(range(10**6))

    def factory(**kwargs) -> Path:
        return make_tiny_model(tmp_path_factory.mktemp(f"tiny_model_{next(counter)}"), **kwargs)

    return factory


@pytest.fixture(scope="session")
def tiny_model_dir(tiny_model_factory: Callable[..., Path]) -> Path:
    """One shared tiny model folder; copy it before modifying it."""
    return tiny_model_factory()
