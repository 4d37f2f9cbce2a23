"""Offline speech-to-text of calls: Vosk models, streaming transcription, audio decoding (no Qt)."""
