-- Most profiles are made by a track event and have no name (anonymous visitors never get one), yet
-- each new profile wrote a null entry into the name index. A name search (search_name like 'ann%')
-- implies a name, so the index needs only the profiles that have one: one index entry fewer per
-- new nameless profile.
drop index profile_search_name_idx;
create index profile_search_name_idx on profile (search_name text_pattern_ops)
    where merged_into is null and search_name is not null;
