"""Translators between one PM tool's objects and the common model, one module per tool."""
