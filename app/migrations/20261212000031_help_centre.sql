-- The help centre (issue 18): bilingual articles in a tree of categories,
-- written in the back office, searched like the catalog, and voted
-- helpful or not by readers.

CREATE TABLE help_categories (
    id bigserial PRIMARY KEY,
    -- A category sits at the top or under another: a tree, drawn in
    -- `position` order at each level.
    parent_id bigint REFERENCES help_categories (id) ON DELETE RESTRICT,
    slug text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$' AND length(slug) <= 60),
    name_zh text NOT NULL CHECK (length(name_zh) BETWEEN 1 AND 60),
    name_en text NOT NULL CHECK (length(name_en) BETWEEN 1 AND 60),
    position int NOT NULL DEFAULT 0,
    CHECK (parent_id IS DISTINCT FROM id)
);
CREATE INDEX help_categories_parent ON help_categories (parent_id, position);

CREATE TABLE help_articles (
    id bigserial PRIMARY KEY,
    category_id bigint NOT NULL REFERENCES help_categories (id) ON DELETE RESTRICT,
    slug text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$' AND length(slug) <= 80),
    title_zh text NOT NULL CHECK (length(title_zh) BETWEEN 1 AND 120),
    title_en text NOT NULL CHECK (length(title_en) BETWEEN 1 AND 120),
    -- Plain text: paragraphs between blank lines, "- " list items
    -- (app::help::blocks draws them, the editor's preview too).
    body_zh text NOT NULL CHECK (length(body_zh) BETWEEN 1 AND 20000),
    body_en text NOT NULL CHECK (length(body_en) BETWEEN 1 AND 20000),
    -- Drafts are seen in the back office only.
    published boolean NOT NULL DEFAULT false,
    position int NOT NULL DEFAULT 0,
    -- From the shop's clock (injected), like every other time it writes.
    updated_at timestamptz NOT NULL,
    -- Searched like products (agora_search_vector: English stemming for
    -- Latin words, bigrams for Chinese), titles weighing most. Both
    -- languages in one document: a shopper may search in either.
    search_tsv tsvector GENERATED ALWAYS AS (
        setweight(agora_search_vector(title_zh || ' ' || title_en), 'A')
        || setweight(agora_search_vector(body_zh || ' ' || body_en), 'C')
    ) STORED
);
CREATE INDEX help_articles_category ON help_articles (category_id, position);
CREATE INDEX help_articles_search ON help_articles USING gin (search_tsv) WHERE published;

-- The Latin words of published articles, for correcting a reader's typo by
-- trigram similarity (the catalog keeps its own in search_words).
CREATE TABLE help_words (word text PRIMARY KEY);
CREATE INDEX help_words_trgm ON help_words USING gin (word gin_trgm_ops);
CREATE INDEX help_words_prefix ON help_words (word text_pattern_ops);

CREATE FUNCTION help_learn_words() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO help_words (word)
    SELECT DISTINCT w
      FROM regexp_split_to_table(lower(NEW.title_en || ' ' || NEW.body_en), '[^a-z0-9]+') AS w
     WHERE length(w) BETWEEN 3 AND 40
    ON CONFLICT DO NOTHING;
    RETURN NEW;
END $$;
CREATE TRIGGER help_articles_words AFTER INSERT OR UPDATE OF title_en, body_en ON help_articles
    FOR EACH ROW EXECUTE FUNCTION help_learn_words();

-- "Was this helpful?": one vote per reader and article (a signed-in
-- shopper's account, or a browser's own random id), which they may change.
CREATE TABLE help_votes (
    article_id bigint NOT NULL REFERENCES help_articles (id) ON DELETE CASCADE,
    voter text NOT NULL CHECK (length(voter) BETWEEN 1 AND 80),
    helpful boolean NOT NULL,
    voted_at timestamptz NOT NULL,
    PRIMARY KEY (article_id, voter)
);

INSERT INTO permissions (code) VALUES ('help.edit');
INSERT INTO role_permissions (role, permission) VALUES
    ('super_admin', 'help.edit'),
    ('operations_manager', 'help.edit'),
    ('customer_service', 'help.edit');
