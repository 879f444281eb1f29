"""Evaluation set, metrics, runner, report and benchmark."""
