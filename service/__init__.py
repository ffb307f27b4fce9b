"""Answering: tools over the store, the planner, the chat engine and the surfaces that call it."""
