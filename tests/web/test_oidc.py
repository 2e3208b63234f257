"""Sign-in with OpenID Connect: the real authorisation-code flow against a local provider.

The provider is oidc-provider-mock, served as its own WSGI app on 127.0.0.1 in a thread. The portal
is driven with its Flask test client; the person's browser at the provider is `requests`. The
portal's Authlib client talks to the provider over real HTTP (discovery, token, JWKS).
"""

from __future__ import annotations

import io
import json
import socket
import threading
import warnings
from dataclasses import dataclass, field, replace
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
import requests
from sqlalchemy import select
from werkzeug.serving import make_server

from portal.store import db
from portal.store.models import User
from tests.web.helpers import check_page

CLIENT_ID = "portal"
CLIENT_SECRET = "portal-client-secret"
JWT_BEARER = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"


@dataclass
class Provider:
    issuer: str
    token_requests: list[dict] = field(default_factory=list)
    userinfo: object = None

    @property
    def token_endpoint(self) -> str:
        return f"{self.issuer}/oauth2/token"


class RecordTokenRequests:
    """WSGI middleware: keep the form body and headers of every POST to the token endpoint."""

    def __init__(self, app, record: list[dict]):
        self.app = app
        self.record = record

    def __call__(self, environ, start_response):
        if environ.get("REQUEST_METHOD") == "POST" and environ.get("PATH_INFO") == "/oauth2/token":
            body = environ["wsgi.input"].read(int(environ.get("CONTENT_LENGTH") or 0))
            environ["wsgi.input"] = io.BytesIO(body)
            self.record.append(
                {
                    "form": {k: v[0] for k, v in parse_qs(body.decode("ascii")).items()},
                    "authorization": environ.get("HTTP_AUTHORIZATION"),
                }
            )
        return self.app(environ, start_response)


class ChangeUserinfo:
    """WSGI middleware: let a test add to, or change, what the userinfo endpoint answers."""

    def __init__(self, app):
        self.app = app
        self.changes: dict = {}

    def __call__(self, environ, start_response):
        if not self.changes or environ.get("PATH_INFO") != "/userinfo":
            return self.app(environ, start_response)
        captured = {}

        def capture(status, headers, exc_info=None):
            captured["status"], captured["headers"] = status, headers

        body = b"".join(self.app(environ, capture))
        claims = {**json.loads(body), **self.changes}
        body = json.dumps(claims).encode()
        headers = [(k, v) for k, v in captured["headers"] if k.lower() != "content-length"]
        start_response(captured["status"], [*headers, ("Content-Length", str(len(body)))])
        return [body]


@pytest.fixture(scope="module")
def running_provider():
    """One provider for this module's tests (starting and stopping one takes about half a second)."""
    with pytest.MonkeyPatch.context() as monkeypatch:
        monkeypatch.setenv("AUTHLIB_INSECURE_TRANSPORT", "1")  # the local provider serves plain http
        with warnings.catch_warnings():
            # The mock imports authlib.jose and Authlib's httpx client, both deprecated in Authlib 1.9.
            # (authlib.deprecate puts an "always" filter first when it is imported, so import it first.)
            import authlib.deprecate  # noqa: F401

            warnings.simplefilter("ignore", DeprecationWarning)
            import oidc_provider_mock

        record: list[dict] = []
        mock = oidc_provider_mock.app(
            require_nonce=True,
            user_claims=[
                oidc_provider_mock.User(
                    sub="alice", claims={"email": "alice@example.org", "name": "Alice Example"}
                ),
                oidc_provider_mock.User(sub="bea", claims={"nickname": "Bea"}),  # no email in the ID token
            ],
        )
        userinfo = ChangeUserinfo(mock)
        server = make_server("127.0.0.1", 0, RecordTokenRequests(userinfo, record), threaded=True)
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        try:
            yield Provider(
                issuer=f"http://127.0.0.1:{server.server_port}", token_requests=record, userinfo=userinfo
            )
        finally:
            server.shutdown()
            thread.join(timeout=5)
            server.server_close()


@pytest.fixture
def provider(running_provider):
    running_provider.token_requests.clear()
    running_provider.userinfo.changes = {}
    return running_provider


@pytest.fixture
def client_auth():
    """How the portal authenticates to the provider's token endpoint."""
    return {"oidc_client_secret": CLIENT_SECRET}


@pytest.fixture
def settings(settings, provider, client_auth):
    return replace(settings, oidc_issuer=provider.issuer, oidc_client_id=CLIENT_ID, **client_auth)


def start_sign_in(portal) -> str:
    """Press 'Sign in' on the portal; return the provider's authorisation URL."""
    response = portal.client.get("/sign-in/provider")
    assert response.status_code == 302, response.status_code
    return response.location


def at_provider(authorize_url: str, **form) -> str:
    """Fill in the provider's sign-in form; return where it sends the browser back to on the portal."""
    response = requests.post(authorize_url, data=form, allow_redirects=False, timeout=10)
    assert response.status_code == 302, (response.status_code, response.text[:500])
    back = urlsplit(response.headers["Location"])
    assert back.path == "/sign-in/callback", back
    return f"{back.path}?{back.query}"


def callback_with(callback: str, **changes) -> str:
    """The callback URL with some query parameters changed (None removes one)."""
    path, query = callback.split("?", 1)
    params = {k: v[0] for k, v in parse_qs(query).items()}
    for name, value in changes.items():
        if value is None:
            params.pop(name, None)
        else:
            params[name] = value
    return f"{path}?{urlencode(params)}"


def sign_in_with_provider(portal, sub: str):
    callback = at_provider(start_sign_in(portal), sub=sub)
    return portal.client.get(callback)


def closed_port() -> int:
    """A loopback port that nothing listens on (it was free a moment ago)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def users(app) -> list[User]:
    with app.app_context():
        return list(db().scalars(select(User).order_by(User.id)))


def assert_not_signed_in_page(response, status: int = 400) -> None:
    """The friendly sign-in failure page (and every check any page must pass), not a crash."""
    assert response.status_code == status, response.status_code
    text = response.get_data(as_text=True)
    soup = check_page(text, response.status_code)
    assert soup.h1.get_text(strip=True) == "You are not signed in"
    assert "Traceback" not in text


def assert_signed_out(portal) -> None:
    response = portal.client.get("/account")
    assert response.status_code == 302 and response.location.endswith("/sign-in")


def test_sign_in_page_offers_the_provider(portal):
    response = portal.get("/sign-in")
    assert response.soup.select_one('a[href="/sign-in/provider"]')


def test_sign_in_sends_the_person_to_the_provider_with_a_full_authorisation_request(portal, provider):
    url = urlsplit(start_sign_in(portal))
    assert f"{url.scheme}://{url.netloc}" == provider.issuer
    assert url.path == "/oauth2/authorize"
    params = {k: v[0] for k, v in parse_qs(url.query).items()}
    assert params["client_id"] == CLIENT_ID
    assert params["redirect_uri"] == "http://localhost/sign-in/callback"
    assert params["response_type"] == "code"
    assert "openid" in params["scope"].split()
    assert len(params["state"]) >= 20 and len(params["nonce"]) >= 20
    assert len(params["code_challenge"]) >= 43
    assert params["code_challenge_method"] == "S256"


def test_the_callback_creates_the_user_and_signs_them_in(app, portal, provider):
    response = sign_in_with_provider(portal, "alice")
    assert response.status_code == 302 and response.location.endswith("/account")
    [user] = users(app)
    assert (user.issuer, user.subject, user.email) == (provider.issuer, "alice", "alice@example.org")
    portal.get("/account")
    # The code was exchanged at the token endpoint with the client secret, and the PKCE verifier.
    [token_request] = provider.token_requests
    assert token_request["form"]["grant_type"] == "authorization_code"
    assert token_request["form"]["code_verifier"]
    assert token_request["authorization"].startswith("Basic ")


def test_a_second_sign_in_with_the_same_subject_reuses_the_user(app, portal, other_portal):
    sign_in_with_provider(portal, "bob")
    portal.sign_out()
    assert_signed_out(portal)
    sign_in_with_provider(portal, "bob")
    portal.get("/account")
    sign_in_with_provider(other_portal, "bob")
    other_portal.get("/account")
    assert [u.subject for u in users(app)] == ["bob"]
    sign_in_with_provider(other_portal, "carol")
    assert [u.subject for u in users(app)] == ["bob", "carol"]


def test_after_sign_in_the_person_goes_back_to_the_page_they_asked_for(portal):
    assert portal.client.get("/assessments/new").status_code == 302
    response = sign_in_with_provider(portal, "alice")
    assert response.location.startswith("/assessments/new")


def test_signing_in_gives_a_new_session_and_the_old_cookie_is_worth_nothing(app, portal):
    callback = at_provider(start_sign_in(portal), sub="alice")
    before = portal.client.get_cookie("portal_session").value
    assert portal.client.get(callback).status_code == 302
    after = portal.client.get_cookie("portal_session").value
    assert after != before
    portal.get("/account")
    # Someone who planted or copied the cookie from before sign-in is not signed in with it.
    attacker = app.test_client()
    attacker.set_cookie("portal_session", before)
    response = attacker.get("/account")
    assert response.status_code == 302 and response.location.endswith("/sign-in")


@pytest.mark.parametrize("state", ["tampered-state-value", None], ids=["tampered", "missing"])
def test_a_callback_with_a_wrong_or_missing_state_is_refused_with_a_page(app, portal, state):
    callback = at_provider(start_sign_in(portal), sub="alice")
    assert_not_signed_in_page(portal.client.get(callback_with(callback, state=state)))
    assert_signed_out(portal)
    assert users(app) == []


def test_a_callback_replayed_after_use_is_refused(portal):
    callback = at_provider(start_sign_in(portal), sub="alice")
    assert portal.client.get(callback).status_code == 302
    assert_not_signed_in_page(portal.client.get(callback))


def test_a_person_who_says_no_at_the_provider_gets_a_page(app, portal):
    callback = at_provider(start_sign_in(portal), action="deny")
    assert "error=access_denied" in callback
    assert_not_signed_in_page(portal.client.get(callback))
    assert_signed_out(portal)
    assert users(app) == []


def test_an_error_on_the_callback_gives_a_page(portal):
    start_sign_in(portal)
    assert_not_signed_in_page(portal.client.get("/sign-in/callback?error=access_denied&state=x"))


def test_an_id_token_that_fails_validation_gives_a_page_not_a_crash(app, portal):
    """The nonce in the ID token must be the one this browser was given."""
    authorize_url = start_sign_in(portal)
    state = parse_qs(urlsplit(authorize_url).query)["state"][0]
    with portal.client.session_transaction() as session:
        saved = session[f"_state_idp_{state}"]
        saved["data"]["nonce"] = "a-nonce-the-provider-never-saw"
        session[f"_state_idp_{state}"] = saved
    callback = at_provider(authorize_url, sub="alice")
    assert_not_signed_in_page(portal.client.get(callback))
    assert_signed_out(portal)
    assert users(app) == []


def test_a_provider_that_cannot_be_reached_gives_a_page_not_a_crash(app, portal, provider):
    callback = at_provider(start_sign_in(portal), sub="alice")
    # The provider goes away between the person signing in there and the portal fetching the token.
    app.extensions["oauth"].idp.server_metadata["token_endpoint"] = (
        f"http://127.0.0.1:{closed_port()}/oauth2/token"
    )
    assert_not_signed_in_page(portal.client.get(callback), status=502)
    assert_signed_out(portal)


def test_a_provider_that_cannot_be_reached_at_the_start_gives_a_page(settings):
    from portal import create_app

    app = create_app(replace(settings, oidc_issuer=f"http://127.0.0.1:{closed_port()}"))
    try:
        assert_not_signed_in_page(app.test_client().get("/sign-in/provider"), status=502)
    finally:
        app.extensions["db_engine"].dispose()


class TestPrivateKeyJwt:
    """With OIDC_PRIVATE_KEY_FILE the portal proves who it is with a JWT signed by its private key."""

    @pytest.fixture
    def private_key(self, tmp_path):
        from cryptography.hazmat.primitives import serialization
        from cryptography.hazmat.primitives.asymmetric import rsa

        key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        path = tmp_path / "portal-signing-key.pem"
        path.write_bytes(
            key.private_bytes(
                serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
            )
        )
        public = key.public_key().public_bytes(
            serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
        )
        return path, public

    @pytest.fixture
    def client_auth(self, private_key):
        return {"oidc_client_secret": None, "oidc_private_key_file": str(private_key[0])}

    def test_the_token_request_carries_a_jwt_signed_with_the_private_key(
        self, app, portal, provider, private_key
    ):
        from joserfc import jwt
        from joserfc.errors import BadSignatureError
        from joserfc.jwk import RSAKey

        callback = at_provider(start_sign_in(portal), sub="alice")
        response = portal.client.get(callback)

        [token_request] = provider.token_requests
        form = token_request["form"]
        assert token_request["authorization"] is None, "no client secret in a Basic header"
        assert "client_secret" not in form
        assert form["client_assertion_type"] == JWT_BEARER
        assertion = jwt.decode(form["client_assertion"], RSAKey.import_key(private_key[1]))
        assert assertion.header["alg"] == "RS256"
        claims = assertion.claims
        assert claims["iss"] == claims["sub"] == CLIENT_ID
        assert claims["aud"] == provider.token_endpoint
        assert claims["jti"] and claims["exp"] > claims["iat"]
        other_key = RSAKey.generate_key(2048)
        with pytest.raises(BadSignatureError):
            jwt.decode(form["client_assertion"], other_key)

        # oidc-provider-mock 0.3.4 only accepts client_secret_basic/post, so it answers invalid_client:
        # the person sees the sign-in failure page, not a crash, and nobody is signed in.
        assert_not_signed_in_page(response)
        assert_signed_out(portal)
        assert users(app) == []


def test_an_email_only_given_by_the_userinfo_endpoint_is_fetched(app, portal, provider):
    """GOV.UK One Login gives the email address from its userinfo endpoint, not in the ID token."""
    provider.userinfo.changes = {"email": "bea@example.org"}
    response = sign_in_with_provider(portal, "bea")
    assert response.status_code == 302 and response.location.endswith("/account")
    [user] = users(app)
    assert (user.subject, user.email) == ("bea", "bea@example.org")


def test_userinfo_about_someone_else_is_ignored(app, portal, provider):
    provider.userinfo.changes = {"sub": "mallory", "email": "mallory@example.org"}
    response = sign_in_with_provider(portal, "bea")
    assert response.status_code == 302
    [user] = users(app)
    assert (user.subject, user.email) == ("bea", None)


def test_the_provider_is_asked_for_the_persons_language(portal):
    params = parse_qs(urlsplit(start_sign_in(portal)).query)
    assert params["ui_locales"] == ["en"]


def test_the_provider_is_asked_for_another_language_first_and_the_choice_is_kept_at_sign_in(
    settings, tmp_path
):
    from portal import create_app
    from tests.conftest import _empty_tables
    from tests.languages import pseudo_language
    from tests.web.helpers import Portal

    content, translations = pseudo_language(tmp_path, "ar")
    app = create_app(replace(settings, content_dir=content, translations_dir=translations))
    try:
        portal = Portal(app)
        portal.get("/sign-in?lang=ar")
        authorize_url = start_sign_in(portal)
        assert parse_qs(urlsplit(authorize_url).query)["ui_locales"] == ["ar en"]
        portal.client.get(at_provider(authorize_url, sub="alice"))
        assert [(user.subject, user.language) for user in users(app)] == [("alice", "ar")]
    finally:
        _empty_tables(app.extensions["db_engine"])
        app.extensions["db_engine"].dispose()
