-- More of the org's call settings: the seconds the person put through has to press 1 once asked (asked twice; 6 before
-- this), the confidence under which speech on a call is not acted on (0.5 before this), and whether Twilio's answering
-- machine detection runs on the put-through's answered leg (billed by Twilio per call, so off unless the org turns it on).
ALTER TABLE call_settings
  ADD COLUMN screen_seconds integer NOT NULL DEFAULT 6 CHECK (screen_seconds BETWEEN 3 AND 20),
  ADD COLUMN speech_threshold double precision NOT NULL DEFAULT 0.5 CHECK (speech_threshold >= 0 AND speech_threshold <= 1),
  ADD COLUMN machine_detection boolean NOT NULL DEFAULT false;
