-- How far the search change log has been pruned: a node that has not read up to here rebuilds its index instead.
CREATE TABLE search_log_horizon (
  id               integer PRIMARY KEY CHECK (id = 1),
  pruned_through   bigint NOT NULL
);
INSERT INTO search_log_horizon (id, pruned_through) VALUES (1, 0);
