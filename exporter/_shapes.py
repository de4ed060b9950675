"""The source and layout schemas compiled by ``python -m exporter.shapes``
(see exporter/shapes.py); generated from the pydantic models: do not edit."""

MODELS = {'AnswerIn': (('by', ('str', '^[a-z0-9][a-z0-9-]*\\Z', None, 80, ()), 'required'),
              ('text',
               ('str',
                '[^\\t-\\r \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]',
                1,
                None,
                ()),
               'required')),
 'BriefFile': (('title',
                ('str',
                 '^[^\n'
                 '\r'
                 '\x85'
                 '\u2028'
                 '\u2029'
                 ']*[^\\t-\\r \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000][^\n'
                 '\r'
                 '\x85'
                 '\u2028'
                 '\u2029'
                 ']*\\Z',
                 1,
                 None,
                 ()),
                'required'),
               ('context', ('str', None, None, None, ()), ('',)),
               ('key_messages', ('list', ('model', 'MessageIn'), 1, None), 'required'),
               ('recommendations', ('list', ('model', 'RecommendationIn'), 1, None), 'required'),
               ('key_figures', ('list', ('model', 'KeyFigureIn'), 0, None), ([],)),
               ('quote', ('opt', ('model', 'QuoteIn')), (None,))),
 'BriefIn': (('size', ('lit', ('A4', 'A5', 'B5', 'letter', '6x9in')), ('A4',)),
             ('margin',
              ('str',
               '^[\\t-\\r '
               '\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]*\\d+(\\.\\d+)?[\\t-\\r '
               '\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]*(mm|cm|in|pt)[\\t-\\r '
               '\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]*\\Z',
               None,
               None,
               ()),
              ('16mm',)),
             ('max_size',
              ('str',
               '^[\\t-\\r '
               '\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]*\\d+(\\.\\d+)?[\\t-\\r '
               '\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]*(mm|cm|in|pt)[\\t-\\r '
               '\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]*\\Z',
               None,
               None,
               ()),
              ('10.5pt',)),
             ('min_size',
              ('str',
               '^[\\t-\\r '
               '\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]*\\d+(\\.\\d+)?[\\t-\\r '
               '\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]*(mm|cm|in|pt)[\\t-\\r '
               '\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]*\\Z',
               None,
               None,
               ()),
              ('8pt',)),
             ('max_pages', ('str', '^[12]\\Z', None, None, ()), ('1',)),
             ('drop_order',
              ('list', ('lit', ('quote', 'context', 'key_figures', 'about')), 0, None),
              (['quote', 'context'],))),
 'ColourIn': (('rgb', ('str', '^#[0-9a-fA-F]{6}\\Z', None, None, ()), 'required'),
              ('cmyk',
               ('list',
                ('str',
                 '^[\\t-\\r '
                 '\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]*(100(\\.0+)?|\\d{1,2}(\\.\\d+)?)[\\t-\\r '
                 '\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]*%?[\\t-\\r '
                 '\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]*\\Z',
                 None,
                 None,
                 ()),
                4,
                4),
               'required')),
 'ContributionIn': (('id', ('str', '^[a-z0-9][a-z0-9-]*\\Z', None, 80, ()), 'required'),
                    ('kind',
                     ('lit',
                      ('overview',
                       'welcome',
                       'chief-guest',
                       'talk',
                       'discussant',
                       'chair',
                       'keynote',
                       'rapporteur',
                       'thanks')),
                     'required'),
                    ('speakers',
                     ('list', ('str', '^[a-z0-9][a-z0-9-]*\\Z', None, 80, ()), 1, None),
                     'required'),
                    ('title', ('str', None, None, None, ()), ('',)),
                    ('quotes',
                     ('list',
                      ('str',
                       '^[^\n'
                       '\r'
                       '\x85'
                       '\u2028'
                       '\u2029'
                       ']*[^\\t-\\r \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000][^\n'
                       '\r'
                       '\x85'
                       '\u2028'
                       '\u2029'
                       ']*\\Z',
                       1,
                       None,
                       ()),
                      0,
                      None),
                     ([],)),
                    ('text',
                     ('str',
                      '[^\\t-\\r \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]',
                      1,
                      None,
                      ()),
                     'required')),
 'CreditsIn': (('compiled_by',
                ('list',
                 ('str',
                  '^[^\n'
                  '\r'
                  '\x85'
                  '\u2028'
                  '\u2029'
                  ']*[^\\t-\\r \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000][^\n'
                  '\r'
                  '\x85'
                  '\u2028'
                  '\u2029'
                  ']*\\Z',
                  1,
                  None,
                  ()),
                 0,
                 None),
                ([],)),
               ('edited_by',
                ('list',
                 ('str',
                  '^[^\n'
                  '\r'
                  '\x85'
                  '\u2028'
                  '\u2029'
                  ']*[^\\t-\\r \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000][^\n'
                  '\r'
                  '\x85'
                  '\u2028'
                  '\u2029'
                  ']*\\Z',
                  1,
                  None,
                  ()),
                 0,
                 None),
                ([],))),
 'EventFile': (('title',
                ('str',
                 '^[^\n'
                 '\r'
                 '\x85'
                 '\u2028'
                 '\u2029'
                 ']*[^\\t-\\r \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000][^\n'
                 '\r'
                 '\x85'
                 '\u2028'
                 '\u2029'
                 ']*\\Z',
                 1,
                 None,
                 ()),
                'required'),
               ('subtitle', ('str', '^[^\n\r\x85\u2028\u2029]*\\Z', None, None, ()), ('',)),
               ('kind', ('str', '^[^\n\r\x85\u2028\u2029]*\\Z', None, None, ()), ('',)),
               ('date',
                ('str', '^\\d{4}(-\\d{2}(-\\d{2})?)?\\Z', None, None, ('exporter.source.values:real_date',)),
                'required'),
               ('venue',
                ('str',
                 '^[^\n'
                 '\r'
                 '\x85'
                 '\u2028'
                 '\u2029'
                 ']*[^\\t-\\r \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000][^\n'
                 '\r'
                 '\x85'
                 '\u2028'
                 '\u2029'
                 ']*\\Z',
                 1,
                 None,
                 ()),
                'required'),
               ('city',
                ('str',
                 '^[^\n'
                 '\r'
                 '\x85'
                 '\u2028'
                 '\u2029'
                 ']*[^\\t-\\r \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000][^\n'
                 '\r'
                 '\x85'
                 '\u2028'
                 '\u2029'
                 ']*\\Z',
                 1,
                 None,
                 ()),
                'required'),
               ('country', ('str', '^[^\n\r\x85\u2028\u2029]*\\Z', None, None, ()), ('',)),
               ('language', ('str', '^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*\\Z', None, None, ()), ('en-GB',)),
               ('published',
                ('opt',
                 ('str',
                  '^\\d{4}(-\\d{2}(-\\d{2})?)?\\Z',
                  None,
                  None,
                  ('exporter.source.values:real_date',))),
                (None,)),
               ('rights', ('str', '^[^\n\r\x85\u2028\u2029]*\\Z', None, None, ()), ('',)),
               ('keywords',
                ('list',
                 ('str',
                  '^[^\n'
                  '\r'
                  '\x85'
                  '\u2028'
                  '\u2029'
                  ']*[^\\t-\\r \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000][^\n'
                  '\r'
                  '\x85'
                  '\u2028'
                  '\u2029'
                  ']*\\Z',
                  1,
                  None,
                  ()),
                 0,
                 None),
                ([],)),
               ('credits', ('model', 'CreditsIn'), ({'compiled_by': [], 'edited_by': []},)),
               ('review', ('opt', ('model', 'ReviewIn')), (None,)),
               ('organiser', ('model', 'OrganiserIn'), 'required'),
               ('introduction', ('str', None, None, None, ()), ('',)),
               ('media', ('opt', ('model', 'MediaIn')), (None,))),
 'ExchangeIn': (('id', ('str', '^[a-z0-9][a-z0-9-]*\\Z', None, 80, ()), 'required'),
                ('questioner', ('str', '^[a-z0-9][a-z0-9-]*\\Z', None, 80, ()), 'required'),
                ('to', ('list', ('str', '^[a-z0-9][a-z0-9-]*\\Z', None, 80, ()), 0, None), ([],)),
                ('question',
                 ('str',
                  '[^\\t-\\r \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]',
                  1,
                  None,
                  ()),
                 'required'),
                ('answers', ('list', ('model', 'AnswerIn'), 0, None), ([],))),
 'FigureIn': (('value',
               ('str',
                '^[^\n'
                '\r'
                '\x85'
                '\u2028'
                '\u2029'
                ']*[^\\t-\\r \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000][^\n'
                '\r'
                '\x85'
                '\u2028'
                '\u2029'
                ']*\\Z',
                1,
                None,
                ()),
               'required'),
              ('label',
               ('str',
                '^[^\n'
                '\r'
                '\x85'
                '\u2028'
                '\u2029'
                ']*[^\\t-\\r \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000][^\n'
                '\r'
                '\x85'
                '\u2028'
                '\u2029'
                ']*\\Z',
                1,
                None,
                ()),
               'required')),
 'FontIn': (('family',
             ('str',
              '^[^\n'
              '\r'
              '\x85'
              '\u2028'
              '\u2029'
              ']*[^\\t-\\r \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000][^\n'
              '\r'
              '\x85'
              '\u2028'
              '\u2029'
              ']*\\Z',
              1,
              None,
              ()),
             'required'),
            ('regular',
             ('str',
              '^[^\n'
              '\r'
              '\x85'
              '\u2028'
              '\u2029'
              ']*[^\\t-\\r \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000][^\n'
              '\r'
              '\x85'
              '\u2028'
              '\u2029'
              ']*\\Z',
              1,
              None,
              ()),
             'required'),
            ('italic',
             ('opt',
              ('str',
               '^[^\n'
               '\r'
               '\x85'
               '\u2028'
               '\u2029'
               ']*[^\\t-\\r \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000][^\n'
               '\r'
               '\x85'
               '\u2028'
               '\u2029'
               ']*\\Z',
               1,
               None,
               ())),
             (None,)),
            ('bold',
             ('opt',
              ('str',
               '^[^\n'
               '\r'
               '\x85'
               '\u2028'
               '\u2029'
               ']*[^\\t-\\r \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000][^\n'
               '\r'
               '\x85'
               '\u2028'
               '\u2029'
               ']*\\Z',
               1,
               None,
               ())),
             (None,)),
            ('bold_italic',
             ('opt',
              ('str',
               '^[^\n'
               '\r'
               '\x85'
               '\u2028'
               '\u2029'
               ']*[^\\t-\\r \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000][^\n'
               '\r'
               '\x85'
               '\u2028'
               '\u2029'
               ']*\\Z',
               1,
               None,
               ())),
             (None,)),
            ('fallback', ('list', ('str', '^[a-z][a-z0-9_-]*\\Z', None, None, ()), 0, None), ([],)),
            ('languages',
             ('dict',
              ('str', '^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*\\Z', None, None, ()),
              ('str', '^[a-z][a-z0-9_-]*\\Z', None, None, ()),
              0),
             ({},))),
 'HyphenationIn': (('left', ('str', '^[1-9]\\Z', None, None, ()), ('2',)),
                   ('right', ('str', '^[1-9]\\Z', None, None, ()), ('3',)),
                   ('min_word', ('str', '^[1-9][0-9]?\\Z', None, None, ()), ('6',)),
                   ('capitalised', ('lit', ('true', 'false')), ('false',)),
                   ('exceptions',
                    ('dict',
                     ('str', '^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*\\Z', None, None, ()),
                     ('list',
                      ('str',
                       '^[^\\t-\\r '
                       '\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000\\-]+(-[^\\t-\\r '
                       '\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000\\-]+)*\\Z',
                       None,
                       None,
                       ()),
                      0,
                      None),
                     0),
                    ({},))),
 'KeyFigureIn': (('value',
                  ('str',
                   '^[^\n'
                   '\r'
                   '\x85'
                   '\u2028'
                   '\u2029'
                   ']*[^\\t-\\r \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000][^\n'
                   '\r'
                   '\x85'
                   '\u2028'
                   '\u2029'
                   ']*\\Z',
                   1,
                   None,
                   ()),
                  'required'),
                 ('unit', ('str', '^[^\n\r\x85\u2028\u2029]*\\Z', None, None, ()), ('',)),
                 ('label',
                  ('str',
                   '^[^\n'
                   '\r'
                   '\x85'
                   '\u2028'
                   '\u2029'
                   ']*[^\\t-\\r \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000][^\n'
                   '\r'
                   '\x85'
                   '\u2028'
                   '\u2029'
                   ']*\\Z',
                   1,
                   None,
                   ()),
                  'required'),
                 ('ref', ('str', '^[a-z0-9][a-z0-9-]*\\Z', None, 80, ()), 'required')),
 'LayoutFile': (('extends', ('opt', ('str', '^[a-z][a-z0-9_-]*\\Z', None, None, ())), (None,)),
                ('description', ('str', None, None, None, ()), ('',)),
                ('page', ('model', 'PageIn'), 'required'),
                ('fonts',
                 ('dict', ('str', '^[a-z][a-z0-9_-]*\\Z', None, None, ()), ('model', 'FontIn'), 1),
                 'required'),
                ('colours',
                 ('dict',
                  ('str', '^[a-z][a-z0-9_-]*\\Z', None, None, ()),
                  ('either',
                   (('str', '^(#[0-9a-fA-F]{6}|[a-z][a-z0-9-]*)\\Z', None, None, ()), ('model', 'ColourIn'))),
                  0),
                 ({},)),
                ('styles',
                 ('dict', ('str', '^[a-z][a-z0-9_-]*\\Z', None, None, ()), ('model', 'StyleIn'), 0),
                 'required'),
                ('list_numbers', ('lit', ('decimal', 'upper-roman', 'lower-roman')), ('decimal',)),
                ('parts',
                 ('model', 'PartsIn'),
                 ({'back_cover': 'true',
                   'contents': 'true',
                   'cover': 'true',
                   'imprint': 'true',
                   'index': 'true',
                   'media': 'true'},)),
                ('running_heads',
                 ('model', 'RunningHeadsIn'),
                 ({'folio_style': 'folio', 'rule': 'true', 'style': 'running_head'},)),
                ('brief',
                 ('model', 'BriefIn'),
                 ({'drop_order': ['quote', 'context'],
                   'margin': '16mm',
                   'max_pages': '1',
                   'max_size': '10.5pt',
                   'min_size': '8pt',
                   'size': 'A4'},)),
                ('hyphenation',
                 ('model', 'HyphenationIn'),
                 ({'capitalised': 'false', 'exceptions': {}, 'left': '2', 'min_word': '6', 'right': '3'},)),
                ('typography', ('model', 'TypographyIn'), ({'ligatures': 'true'},)),
                ('print',
                 ('model', 'PrintIn'),
                 ({'output_condition': '',
                   'output_profile': 'octavo-fogra39l.icc',
                   'standard': 'PDF/X-4',
                   'trapped': 'false'},)),
                ('speaker_native_name', ('lit', ('true', 'false')), ('false',))),
 'MarginsIn': (('inner',
                ('str',
                 '^[\\t-\\r '
                 '\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]*\\d+(\\.\\d+)?[\\t-\\r '
                 '\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]*(mm|cm|in|pt)[\\t-\\r '
                 '\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]*\\Z',
                 None,
                 None,
                 ()),
                'required'),
               ('outer',
                ('str',
                 '^[\\t-\\r '
                 '\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]*\\d+(\\.\\d+)?[\\t-\\r '
                 '\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]*(mm|cm|in|pt)[\\t-\\r '
                 '\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]*\\Z',
                 None,
                 None,
                 ()),
                'required'),
               ('top',
                ('str',
                 '^[\\t-\\r '
                 '\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]*\\d+(\\.\\d+)?[\\t-\\r '
                 '\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]*(mm|cm|in|pt)[\\t-\\r '
                 '\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]*\\Z',
                 None,
                 None,
                 ()),
                'required'),
               ('bottom',
                ('str',
                 '^[\\t-\\r '
                 '\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]*\\d+(\\.\\d+)?[\\t-\\r '
                 '\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]*(mm|cm|in|pt)[\\t-\\r '
                 '\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]*\\Z',
                 None,
                 None,
                 ()),
                'required')),
 'MediaIn': (('intro', ('str', None, None, None, ()), ('',)),
             ('outlets', ('list', ('model', 'OutletIn'), 1, None), 'required')),
 'MessageIn': (('text',
                ('str',
                 '[^\\t-\\r \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]',
                 1,
                 None,
                 ()),
                'required'),
               ('ref', ('str', '^[a-z0-9][a-z0-9-]*\\Z', None, 80, ()), 'required')),
 'NoteIn': (('id', ('str', '^[a-z0-9][a-z0-9-]*\\Z', None, 80, ()), 'required'),
            ('kind', ('lit', ('narrative', 'ceremony')), 'required'),
            ('people', ('list', ('str', '^[a-z0-9][a-z0-9-]*\\Z', None, 80, ()), 0, None), ([],)),
            ('text',
             ('str',
              '[^\\t-\\r \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]',
              1,
              None,
              ()),
             'required')),
 'OrganiserIn': (('name',
                  ('str',
                   '^[^\n'
                   '\r'
                   '\x85'
                   '\u2028'
                   '\u2029'
                   ']*[^\\t-\\r \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000][^\n'
                   '\r'
                   '\x85'
                   '\u2028'
                   '\u2029'
                   ']*\\Z',
                   1,
                   None,
                   ()),
                  'required'),
                 ('short_name',
                  ('str',
                   '^[^\n'
                   '\r'
                   '\x85'
                   '\u2028'
                   '\u2029'
                   ']*[^\\t-\\r \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000][^\n'
                   '\r'
                   '\x85'
                   '\u2028'
                   '\u2029'
                   ']*\\Z',
                   1,
                   None,
                   ()),
                  'required'),
                 ('city', ('str', '^[^\n\r\x85\u2028\u2029]*\\Z', None, None, ()), ('',)),
                 ('url',
                  ('str',
                   '^[^\\t-\\r \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]+\\Z',
                   None,
                   None,
                   ()),
                  ('',)),
                 ('logo', ('str', '^[^\n\r\x85\u2028\u2029]*\\Z', None, None, ()), ('',)),
                 ('logo_alt', ('str', '^[^\n\r\x85\u2028\u2029]*\\Z', None, None, ()), ('',)),
                 ('description', ('str', None, None, None, ()), ('',)),
                 ('profile', ('str', None, None, None, ()), ('',)),
                 ('figures', ('list', ('model', 'FigureIn'), 0, None), ([],))),
 'OutletIn': (('name',
               ('str',
                '^[^\n'
                '\r'
                '\x85'
                '\u2028'
                '\u2029'
                ']*[^\\t-\\r \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000][^\n'
                '\r'
                '\x85'
                '\u2028'
                '\u2029'
                ']*\\Z',
                1,
                None,
                ()),
               'required'),
              ('url',
               ('str',
                '^[^\\t-\\r \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]+\\Z',
                None,
                None,
                ()),
               ('',))),
 'PageIn': (('size', ('lit', ('A4', 'A5', 'B5', 'letter', '6x9in')), 'required'),
            ('margins', ('model', 'MarginsIn'), 'required'),
            ('bleed',
             ('str',
              '^[\\t-\\r '
              '\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]*\\d+(\\.\\d+)?[\\t-\\r '
              '\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]*(mm|cm|in|pt)[\\t-\\r '
              '\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]*\\Z',
              None,
              None,
              ()),
             ('3mm',)),
            ('crop_marks', ('lit', ('true', 'false')), ('false',))),
 'PartsIn': (('cover', ('lit', ('true', 'false')), ('true',)),
             ('imprint', ('lit', ('true', 'false')), ('true',)),
             ('contents', ('lit', ('true', 'false')), ('true',)),
             ('index', ('lit', ('true', 'false')), ('true',)),
             ('media', ('lit', ('true', 'false')), ('true',)),
             ('back_cover', ('lit', ('true', 'false')), ('true',))),
 'PeopleFile': (('people', ('list', ('model', 'PersonIn'), 1, None), 'required'),),
 'PersonIn': (('id', ('str', '^[a-z0-9][a-z0-9-]*\\Z', None, 80, ()), 'required'),
              ('name',
               ('str',
                '^[^\n'
                '\r'
                '\x85'
                '\u2028'
                '\u2029'
                ']*[^\\t-\\r \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000][^\n'
                '\r'
                '\x85'
                '\u2028'
                '\u2029'
                ']*\\Z',
                1,
                None,
                ()),
               'required'),
              ('honorific', ('str', '^[^\n\r\x85\u2028\u2029]*\\Z', None, None, ()), ('',)),
              ('post_nominals', ('str', '^[^\n\r\x85\u2028\u2029]*\\Z', None, None, ()), ('',)),
              ('role', ('str', '^[^\n\r\x85\u2028\u2029]*\\Z', None, None, ()), ('',)),
              ('affiliation', ('str', '^[^\n\r\x85\u2028\u2029]*\\Z', None, None, ()), ('',)),
              ('country', ('str', '^[^\n\r\x85\u2028\u2029]*\\Z', None, None, ()), ('',)),
              ('native_name', ('str', '^[^\n\r\x85\u2028\u2029]*\\Z', None, None, ()), ('',)),
              ('native_name_lang', ('str', '^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*\\Z', None, None, ()), ('',)),
              ('sort_as', ('str', '^[^\n\r\x85\u2028\u2029]*\\Z', None, None, ()), ('',))),
 'PrintIn': (('standard', ('lit', ('PDF/X-4', 'PDF/X-1a:2003')), ('PDF/X-4',)),
             ('output_profile',
              ('str',
               '^[^\n'
               '\r'
               '\x85'
               '\u2028'
               '\u2029'
               ']*[^\\t-\\r \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000][^\n'
               '\r'
               '\x85'
               '\u2028'
               '\u2029'
               ']*\\Z',
               1,
               None,
               ()),
              ('octavo-fogra39l.icc',)),
             ('output_condition', ('str', '^[^\\n]*\\Z', None, None, ()), ('',)),
             ('trapped', ('lit', ('true', 'false')), ('false',))),
 'QAIn': (('id', ('str', '^[a-z0-9][a-z0-9-]*\\Z', None, 80, ()), 'required'),
          ('kind', ('lit', ('qa',)), 'required'),
          ('title',
           ('str', '^[^\n\r\x85\u2028\u2029]*\\Z', None, None, ()),
           ('Question and Answer Session',)),
          ('intro', ('str', None, None, None, ()), ('',)),
          ('exchanges', ('list', ('model', 'ExchangeIn'), 1, None), 'required')),
 'QuoteIn': (('text',
              ('str',
               '^[^\n'
               '\r'
               '\x85'
               '\u2028'
               '\u2029'
               ']*[^\\t-\\r \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000][^\n'
               '\r'
               '\x85'
               '\u2028'
               '\u2029'
               ']*\\Z',
               1,
               None,
               ()),
              'required'),
             ('speaker', ('str', '^[a-z0-9][a-z0-9-]*\\Z', None, 80, ()), 'required'),
             ('ref', ('opt', ('str', '^[a-z0-9][a-z0-9-]*\\Z', None, 80, ())), (None,))),
 'RecommendationIn': (('text',
                       ('str',
                        '[^\\t-\\r \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]',
                        1,
                        None,
                        ()),
                       'required'),
                      ('actor', ('str', '^[^\n\r\x85\u2028\u2029]*\\Z', None, None, ()), ('',)),
                      ('ref', ('str', '^[a-z0-9][a-z0-9-]*\\Z', None, 80, ()), 'required')),
 'ReviewIn': (('contact',
               ('str',
                '^[^\n'
                '\r'
                '\x85'
                '\u2028'
                '\u2029'
                ']*[^\\t-\\r \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000][^\n'
                '\r'
                '\x85'
                '\u2028'
                '\u2029'
                ']*\\Z',
                1,
                None,
                ()),
               'required'),
              ('deadline',
               ('str', '^\\d{4}(-\\d{2}(-\\d{2})?)?\\Z', None, None, ('exporter.source.values:real_date',)),
               'required')),
 'RunningHeadsIn': (('style', ('str', '^[a-z][a-z0-9_-]*\\Z', None, None, ()), ('running_head',)),
                    ('folio_style', ('str', '^[a-z][a-z0-9_-]*\\Z', None, None, ()), ('folio',)),
                    ('rule', ('lit', ('true', 'false')), ('true',))),
 'SessionFile': (('id', ('str', '^[a-z0-9][a-z0-9-]*\\Z', None, 80, ()), 'required'),
                 ('kind', ('lit', ('inaugural', 'working', 'concluding')), 'required'),
                 ('title',
                  ('str',
                   '^[^\n'
                   '\r'
                   '\x85'
                   '\u2028'
                   '\u2029'
                   ']*[^\\t-\\r \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000][^\n'
                   '\r'
                   '\x85'
                   '\u2028'
                   '\u2029'
                   ']*\\Z',
                   1,
                   None,
                   ()),
                  'required'),
                 ('theme', ('str', None, None, None, ()), ('',)),
                 ('chair', ('opt', ('str', '^[a-z0-9][a-z0-9-]*\\Z', None, 80, ())), (None,)),
                 ('speakers', ('list', ('str', '^[a-z0-9][a-z0-9-]*\\Z', None, 80, ()), 0, None), ([],)),
                 ('discussants', ('list', ('str', '^[a-z0-9][a-z0-9-]*\\Z', None, 80, ()), 0, None), ([],)),
                 ('intro', ('str', None, None, None, ()), ('',)),
                 ('items',
                  ('list',
                   ('union',
                    'kind',
                    {'ceremony': 'NoteIn',
                     'chair': 'ContributionIn',
                     'chief-guest': 'ContributionIn',
                     'discussant': 'ContributionIn',
                     'keynote': 'ContributionIn',
                     'narrative': 'NoteIn',
                     'overview': 'ContributionIn',
                     'qa': 'QAIn',
                     'rapporteur': 'ContributionIn',
                     'talk': 'ContributionIn',
                     'thanks': 'ContributionIn',
                     'welcome': 'ContributionIn'}),
                   1,
                   None),
                  'required')),
 'StyleIn': (('parent', ('opt', ('str', '^[a-z][a-z0-9_-]*\\Z', None, None, ())), (None,)),
             ('font', ('opt', ('str', '^[a-z][a-z0-9_-]*\\Z', None, None, ())), (None,)),
             ('size',
              ('opt',
               ('str',
                '^[\\t-\\r '
                '\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]*\\d+(\\.\\d+)?[\\t-\\r '
                '\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]*(mm|cm|in|pt)[\\t-\\r '
                '\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]*\\Z',
                None,
                None,
                ())),
              (None,)),
             ('leading',
              ('opt',
               ('str',
                '^[\\t-\\r '
                '\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]*\\d+(\\.\\d+)?[\\t-\\r '
                '\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]*(mm|cm|in|pt)[\\t-\\r '
                '\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]*\\Z',
                None,
                None,
                ())),
              (None,)),
             ('colour', ('opt', ('str', '^(#[0-9a-fA-F]{6}|[a-z][a-z0-9-]*)\\Z', None, None, ())), (None,)),
             ('align', ('opt', ('lit', ('left', 'justify', 'center', 'right'))), (None,)),
             ('space_before',
              ('opt',
               ('str',
                '^[\\t-\\r '
                '\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]*\\d+(\\.\\d+)?[\\t-\\r '
                '\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]*(mm|cm|in|pt)[\\t-\\r '
                '\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]*\\Z',
                None,
                None,
                ())),
              (None,)),
             ('space_after',
              ('opt',
               ('str',
                '^[\\t-\\r '
                '\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]*\\d+(\\.\\d+)?[\\t-\\r '
                '\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]*(mm|cm|in|pt)[\\t-\\r '
                '\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]*\\Z',
                None,
                None,
                ())),
              (None,)),
             ('first_indent',
              ('opt',
               ('str',
                '^[\\t-\\r '
                '\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]*\\d+(\\.\\d+)?[\\t-\\r '
                '\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]*(mm|cm|in|pt)[\\t-\\r '
                '\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]*\\Z',
                None,
                None,
                ())),
              (None,)),
             ('left_indent',
              ('opt',
               ('str',
                '^[\\t-\\r '
                '\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]*\\d+(\\.\\d+)?[\\t-\\r '
                '\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]*(mm|cm|in|pt)[\\t-\\r '
                '\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]*\\Z',
                None,
                None,
                ())),
              (None,)),
             ('bold', ('opt', ('lit', ('true', 'false'))), (None,)),
             ('italic', ('opt', ('lit', ('true', 'false'))), (None,)),
             ('caps', ('opt', ('lit', ('true', 'false'))), (None,)),
             ('keep_with_next', ('opt', ('lit', ('true', 'false'))), (None,)),
             ('hyphenate', ('opt', ('lit', ('true', 'false'))), (None,))),
 'TypographyIn': (('ligatures', ('lit', ('true', 'false')), ('true',)),)}
