// Generating files reads the config but opens no connection; the config still wants a URI.
process.env.DATABASE_URI ??= 'postgres://offline@127.0.0.1:1/offline'
