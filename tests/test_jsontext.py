"""The fast JSON text is json.dumps(value, ensure_ascii=False, indent=2), byte for byte."""
from __future__ import annotations

import json
import math

import pytest
from hypothesis import given, strategies as st

from wenlint import jsontext

scalars = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text()
values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
                      max_leaves=30)


@given(values)
def test_same_text_as_the_standard_library(value):
    assert jsontext.dumps(value) == json.dumps(value, ensure_ascii=False, indent=2)


def test_tuples_infinities_and_chinese():
    value = {"引号": ("“你好”", "\n\t\\"), "n": [math.inf, -math.inf, -0.0, 1e100], "empty": [{}, [], ""]}
    assert jsontext.dumps(value) == json.dumps(value, ensure_ascii=False, indent=2)


def test_other_objects_are_refused():
    with pytest.raises(TypeError):
        jsontext.dumps({"a": {1, 2}})
