-- Speech on calls: how sure the provider's recognition was of a spoken reply (0 to 1, null for written replies), and the
-- agent's spoken answer within the call (its words, its locale and what the call does next: listen, hang up or dial).
ALTER TABLE inbound_messages ADD COLUMN speech_confidence double precision CHECK (speech_confidence IS NULL OR (speech_confidence >= 0 AND speech_confidence <= 1));
ALTER TABLE agent_turns ADD COLUMN spoken jsonb;
