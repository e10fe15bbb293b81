package io.trino.server;

/**
 * Starts a Trino server assembled from Maven Central jars (the trino-server tarball and trino-server-main are not
 * served by the mirror). Does what io.trino.server.TrinoServer does; the version comes from -Decom.trino.version.
 */
public final class EcomTrinoServer
{
    private EcomTrinoServer() {}

    public static void main(String[] args)
    {
        new Server().start(System.getProperty("ecom.trino.version", "unknown"));
    }
}
