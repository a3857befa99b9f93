-- Photos a customer attaches when opening a ticket (issue 18: up to three),
-- on the message they came with. The pictures themselves are the shop's
-- stored images (renditions, by hash), as for reviews and after-sales.
CREATE TABLE ticket_photos (
    message_id bigint NOT NULL REFERENCES ticket_messages (id) ON DELETE CASCADE,
    image_id bigint NOT NULL REFERENCES images (id),
    position int NOT NULL CHECK (position BETWEEN 0 AND 2),
    PRIMARY KEY (message_id, position)
);
CREATE INDEX ticket_photos_image ON ticket_photos (image_id);
