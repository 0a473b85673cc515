-- Events a sentence names as the setting of another event (`background` in the record) are kept but
-- left out of counts: a column lets counting queries skip them. Events stored before were not flagged.
ALTER TABLE events ADD COLUMN IF NOT EXISTS background BOOLEAN DEFAULT FALSE;
