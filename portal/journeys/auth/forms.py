from flask_babel import lazy_gettext as _l
from wtforms.fields import RadioField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired

from portal.forms import Form, RadioInput
from portal.journeys.auth.demo import DEMO_PEOPLE


class DemoSignInForm(Form):
    person = RadioField(
        _l("Who do you want to sign in as?"),
        choices=[SelectChoice(p.id, p.choice) for p in DEMO_PEOPLE],
        widget=RadioInput(),
        validators=[InputRequired(message=_l("Choose a demo person"))],
    )
