"""Running an ice or heat session: options, the safety gate, the terminal loop, alerts."""
