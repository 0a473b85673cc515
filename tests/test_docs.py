"""The examples in the package docstring run as written."""

import doctest

import chronicle


def test_package_docstring_example():
    result = doctest.testmod(chronicle, verbose=False)
    assert result.attempted >= 1 and result.failed == 0
