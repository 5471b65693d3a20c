"""Everything that talks to Neo4j, in one place: the writer, the Cypher it sends, named queries, neo4j-admin files, the local server.

The official driver is imported inside the functions that use it, so importing this package costs nothing.
"""
