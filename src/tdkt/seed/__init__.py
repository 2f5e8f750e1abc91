"""Ready data from the seed plans: the organisation and the movements."""
