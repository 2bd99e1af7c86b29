"""WhatsApp sessions: browsers driven through wa-js, and the host that watches them."""
