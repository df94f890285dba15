"""Refusing addresses on the user's own network: a page a feed links to must not make us probe
the router, the printer or a service on localhost."""

from __future__ import annotations

import asyncio
import ipaddress
import socket

import httpx

from .http_errors import FetchError, shown


def _private(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped  # ::ffff:192.168.1.1 is 192.168.1.1
    # is_global is False for private, loopback, link-local, shared (100.64/10), reserved,
    # documentation and unspecified ranges; multicast is refused on top.
    return not address.is_global or address.is_multicast


async def refuse_private(url: httpx.URL) -> None:
    """Raise FetchError ("private") unless every address ``url``'s host resolves to is public.

    Every address is checked, not just the first: a name that resolves to one public and one
    private address could have the connection land on either.
    """
    host = url.host
    port = url.port or (443 if url.scheme == "https" else 80)
    try:
        literal = ipaddress.ip_address(host)
    except ValueError:
        literal = None
    if literal is not None:
        addresses = [literal]
    else:
        try:
            found = await asyncio.get_running_loop().getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except OSError:
            return  # the fetch itself reports a name that does not resolve, in its usual words
        addresses = [ipaddress.ip_address(str(info[4][0]).split("%")[0]) for info in found]
    for address in addresses:
        if _private(address):
            raise FetchError(
                f"refused: {shown(host, 60)} is on a private or local network ({address}); "
                "set fetch_private_hosts = true in the config to allow it", "private",
            )
