"""Shell completion of the knowledge base's ids: remedies, protocols, routines."""
