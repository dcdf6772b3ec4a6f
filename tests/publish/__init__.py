"""Tests of what is published from the model: the radio text, the embeddable views."""
