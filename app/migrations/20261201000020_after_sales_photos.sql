-- Photos a shopper adds to an after-sales request as evidence (0 to 5; a
-- reason may require some), stored and resized like review photos.
CREATE TABLE after_sales_photos (
    request_id bigint NOT NULL REFERENCES after_sales_requests (id) ON DELETE CASCADE,
    image_id bigint NOT NULL REFERENCES images (id),
    position int NOT NULL CHECK (position BETWEEN 0 AND 4),
    PRIMARY KEY (request_id, position)
);
