-- Access: an account holds one or more roles (一人多岗: a district admin who also tests
-- samples, an inspector who coordinates a grid). user_roles is the one place an account's
-- roles are kept, so users.role goes once every account's role has been copied across.
-- That a business operator holds no other role is checked by internal/access, which names
-- the rule in the user's language.
CREATE TABLE user_roles (
    user_id  INTEGER NOT NULL REFERENCES users(id),
    role     TEXT NOT NULL CHECK (role <> ''),
    PRIMARY KEY (user_id, role)
);

INSERT INTO user_roles (user_id, role) SELECT id, role FROM users;

ALTER TABLE users DROP COLUMN role;
