"""The test suite: one folder per area; tests.support holds what several folders share."""
