"""`backspasm today`: the plan for today from the episode, the journal and the knowledge base."""
