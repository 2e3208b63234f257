from flask import Blueprint, render_template

bp = Blueprint("start", __name__)


@bp.get("/")
def index():
    return render_template("start/index.html")


@bp.get("/accessibility")
def accessibility():
    return render_template("start/accessibility.html")


@bp.get("/privacy")
def privacy():
    return render_template("start/privacy.html")


@bp.get("/health")
def health():
    """A bare route for load balancers, and for benchmarking the portal against itself."""
    return "OK", 200, {"Content-Type": "text/plain; charset=utf-8"}
