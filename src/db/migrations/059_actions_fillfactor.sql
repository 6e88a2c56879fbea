-- Room on each page of actions for the dispatcher's update of an action it sent (status planned -> sent, updated_at):
-- no indexed column changes, so the new version can stay on its row's page without new entries in the table's three
-- indexes (a HOT update) when the page has room; packed full (as a plan's actions are written), every such update went
-- to another page and added an entry to each index. As 055 does for messages. Applies to pages written from now on.
ALTER TABLE actions SET (fillfactor = 80);
