-- Room on each page of messages for the dispatcher's updates of a row: every SMS is updated three times (marked
-- sending, handed to its provider, recorded sent), and the hand-over mark changes no indexed column, so it can stay on
-- its row's page without new index entries (a HOT update) when the page has room. Packed full, the old versions that
-- concurrent transactions still keep left no room: with four workers 0.31-0.77 of a message's three updates were HOT
-- (0.85-0.86 at fillfactor 80), and PostgreSQL spent 0.96-1.59 ms of CPU per SMS against 0.81-0.82 (scale bench, two
-- back-to-back pairs, load 11-19). Applies to pages written from now on.
ALTER TABLE messages SET (fillfactor = 80);
