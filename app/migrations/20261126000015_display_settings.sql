-- Personal display settings (issue 16): the colour theme and text size a
-- signed-in shopper chose, kept with the account so that every device they
-- sign in on draws the shop the same way. Guests keep theirs in a cookie
-- (`agora_display`). No row means "never chosen": the choice this browser
-- made as a guest is then adopted at sign-in (app/src/display). The
-- application reads both columns as enums (display::Theme, display::TextSize),
-- so an unknown value is refused here rather than failing when a page reads it.
CREATE TABLE user_display_settings (
    user_id bigint PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
    theme text NOT NULL CHECK (theme IN ('system', 'light', 'dark')),
    text_size text NOT NULL CHECK (text_size IN ('standard', 'large', 'larger'))
);
