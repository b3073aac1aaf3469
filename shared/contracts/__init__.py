"""The wire shapes of the HTTP API and the RPC calls behind it, described once.

Each service serializes what it returns through these models
(``CoursePublic.to_wire(course)``), the gateway validates requests and
declares its responses with the same classes, and the web app's types are
generated from the OpenAPI document they make. Limits that both sides need
(item types, how many items an order holds, field lengths) are constants
here. The gateway checks the structure of a request; the owning service
enforces its rules. One module per owning service; this package imports
neither Nameko nor FastAPI.
"""
