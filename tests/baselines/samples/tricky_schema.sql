-- A schema the generator has never seen: identities of both kinds, serials, enums, a domain, NOT NULL
-- without defaults, CHECK lists, ranges and patterns, composite and self-referencing foreign keys, a
-- unique key over two foreign keys, a generated column, and one table nothing can fill.
CREATE TYPE public.tier AS ENUM ('bronze', 'silver', 'gold');
CREATE DOMAIN public.percent AS numeric(5, 2) CHECK (VALUE BETWEEN 0 AND 100);

CREATE TABLE public.teams (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    code text NOT NULL UNIQUE CHECK (code ~ '^[a-z]+$'),
    tier public.tier NOT NULL,
    parent_id bigint REFERENCES public.teams (id),
    budget public.percent NOT NULL,
    contact_email text NOT NULL CHECK (contact_email LIKE '%@%'),
    colour text CHECK (colour ~ '^#[0-9a-f]{6}$')
);

CREATE TABLE public.members (
    id serial PRIMARY KEY,
    user_id uuid NOT NULL REFERENCES auth.users (id),
    team_id bigint NOT NULL REFERENCES public.teams (id),
    seat smallint NOT NULL CHECK (seat BETWEEN 1 AND 9),
    status text NOT NULL CHECK (status IN ('invited', 'joined', 'left')),
    tags text[] NOT NULL CHECK (cardinality(tags) > 0),
    joined_on date NOT NULL,
    label text GENERATED ALWAYS AS (status || ':' || seat) STORED,
    UNIQUE (user_id, team_id)
);

CREATE TABLE public.member_notes (
    team_id bigint NOT NULL,
    member_id integer NOT NULL REFERENCES public.members (id),
    position int NOT NULL CHECK (position >= 1),
    body text NOT NULL,
    PRIMARY KEY (team_id, member_id, position),
    FOREIGN KEY (team_id) REFERENCES public.teams (id)
);

CREATE TABLE public.impossible (
    id int PRIMARY KEY,
    never int NOT NULL CHECK (never > 10 AND never < 5)
);
