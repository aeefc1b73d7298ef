"""Shared fixtures of the validation tests."""

import logging

import pytest


@pytest.fixture(autouse=True)
def _quiet_rdflib():
    """rdflib logs a traceback for every ill-typed literal it reads; the fixtures have some on purpose."""
    logger = logging.getLogger("rdflib.term")
    level = logger.level
    logger.setLevel(logging.CRITICAL)
    yield
    logger.setLevel(level)
