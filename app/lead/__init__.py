"""The team lead's console (班长台) as pure rules: weighted load and 疏忙导闲 (no Qt, no wire)."""
