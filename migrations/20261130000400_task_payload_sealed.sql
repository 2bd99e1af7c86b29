-- A task's payload holds the customer's own words and contact: it is sealed with the chat
-- keyring (AES-256-GCM, key id kept for rotation) like chat bodies. `payload` stays for rows
-- written before; `salesboy reencrypt` seals those and empties the plaintext column.
alter table public.tasks
    add column payload_ciphertext bytea,
    add column payload_nonce bytea,
    add column payload_key_id text,
    add constraint tasks_payload_sealed_whole check (
        (payload_ciphertext is null) = (payload_nonce is null)
        and (payload_ciphertext is null) = (payload_key_id is null));
