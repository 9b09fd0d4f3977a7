-- One folding rule for search (issue 10 §4): the trigram index holds the
-- names and e-mails the server lower-cased (name_lower, email_lower), the
-- same folding the search term gets, so no letter (İ) folds one way in the
-- index and another in the query. PostgreSQL already searches the _lower
-- columns.
DROP TRIGGER memberships_fts_ai;
DROP TRIGGER memberships_fts_ad;
DROP TRIGGER memberships_fts_au;
DROP TABLE memberships_fts;
CREATE VIRTUAL TABLE memberships_fts USING fts5(
    name_lower, email_lower, content='memberships', content_rowid='id', tokenize='trigram'
);
CREATE TRIGGER memberships_fts_ai AFTER INSERT ON memberships BEGIN
    INSERT INTO memberships_fts(rowid, name_lower, email_lower) VALUES (new.id, new.name_lower, new.email_lower);
END;
CREATE TRIGGER memberships_fts_ad AFTER DELETE ON memberships BEGIN
    INSERT INTO memberships_fts(memberships_fts, rowid, name_lower, email_lower)
        VALUES ('delete', old.id, old.name_lower, old.email_lower);
END;
CREATE TRIGGER memberships_fts_au AFTER UPDATE OF name_lower, email_lower ON memberships BEGIN
    INSERT INTO memberships_fts(memberships_fts, rowid, name_lower, email_lower)
        VALUES ('delete', old.id, old.name_lower, old.email_lower);
    INSERT INTO memberships_fts(rowid, name_lower, email_lower) VALUES (new.id, new.name_lower, new.email_lower);
END;
INSERT INTO memberships_fts(memberships_fts) VALUES ('rebuild');
