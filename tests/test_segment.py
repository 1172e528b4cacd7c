"""jieba, loaded lazily: its prefix dictionary is read one first character at a time, and answers as
jieba's own dict does."""
import logging

import jieba

from wenlint.segment import PrefixDict, tokenizer


def reference() -> dict[str, int]:
    jieba.setLogLevel(logging.WARNING)
    ref = jieba.Tokenizer()
    ref.initialize()
    return ref.FREQ


def test_the_prefix_dictionary_answers_as_jiebas_own():
    freq, ref = tokenizer().FREQ, reference()
    for word in ["发展", "开展", "发", "经济社会", "经济社", "不存在的词语", "a", ""]:
        assert (word in freq) == (word in ref) and freq.get(word) == ref.get(word)
        assert freq.get(word, 0) == ref.get(word, 0)
    assert freq["发展"] == ref["发展"]


def test_segmentation_is_jiebas():
    text = "我们要认真开展工作，积极推进经济社会发展。"
    ref = jieba.Tokenizer()
    ref.initialize()
    assert tokenizer().lcut(text, HMM=False) == ref.lcut(text, HMM=False)


def test_every_entry_can_be_listed():
    assert isinstance(tokenizer().FREQ, PrefixDict)  # the tests run with a user cache
    assert dict(tokenizer().FREQ.items()) == reference()
