-- Which worker holds an org's mailbox now (its turn while it reads, its lease while it idles): the machine (host name and
-- PID namespace), the process id, a random id of that process and of its mailbox loop, as JSON; NULL when none does. A
-- worker that finds the holder gone (a process that no longer runs on its own machine, an earlier process under the same
-- PID, any other process on embedded PGlite, which one process opens at a time) takes the mailbox over at once instead
-- of waiting for the lease to run out.
ALTER TABLE imap_mailboxes ADD COLUMN held_by text;
