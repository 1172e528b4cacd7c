"""English passages beside Chinese follow Latin typography: no quote, bracket, punctuation or space alarm.

Bilingual abstracts, English quotations and machine-translated tails carry apostrophes (Province’s,
masses’, can’t), curly English quotes around Latin text, and ASCII punctuation after them.
"""
from wenlint.config import Settings
from wenlint.engine import Linter
from wenlint.packs import load_rules

PUNCTUATION_RULES = Linter(load_rules(), Settings(select=("WL3",)))

BILINGUAL = """\
摘要：本文分析了该省农村改革的经验，认为家庭联产承包责任制是这一时期最重要的制度创新。
Abstract: This paper analyses the Province’s experience of rural reform, the masses’ role in it,
and the “household responsibility system”, which the authors call “the most important reform of
the period.” It also discusses the officials’ view: “reform is a process, not an event”; the
villagers’ answer was ‘we will see’. We can’t say more, and we don’t try to.
关键词：农村改革；家庭联产承包责任制
Keywords: rural reform; household responsibility system; the 1980s’ policies
他引用了一句英文：“Think globally, act locally.”这句话广为流传。
The report said: “Growth in 2020 was 5.2%, below the target.” Officials’ comments (see p. 12)
were cautious; “we can’t say more,” one said. He called it “a turning point.
(Machine translation) The city’s government will “steadily advance” the reform, the report’s
authors say; its 2,000 workers’ wages rose 5.2% in 2023.
"""


def test_a_bilingual_document_raises_no_punctuation_alarm():
    assert [(d.code, BILINGUAL[d.start:d.end]) for d in PUNCTUATION_RULES.lint(BILINGUAL)] == []


def test_the_same_marks_in_chinese_text_are_still_reported():
    text = "会议强调，要发挥群众’作用；开展“三严三实教育。"
    assert {d.code for d in PUNCTUATION_RULES.lint(text)} == {"WL301", "WL304"}
