SELECT 'analytics.v', E'it\'s', U&'\0061' UESCAPE '!', B'10', X'1f', N'n', $t$ analytics.v $t$, $$x$$, $1, 1.5e3, .5, 0x1F /* a /* b */ c */ -- end
