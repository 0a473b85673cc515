"""Evaluate: score Chronicle's records against gold sets, with the reference scorer's matching rules."""
