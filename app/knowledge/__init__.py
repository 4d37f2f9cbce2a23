"""Knowledge base (知识库): articles, Chinese full-text search, agent assist, import/export."""
