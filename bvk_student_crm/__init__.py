from . import lib
from . import models
