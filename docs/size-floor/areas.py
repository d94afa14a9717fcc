"""Size of a built wasm module by area, estimated: each area's function bodies (and the data section) gzipped on
their own, scaled to the gzip size of the whole file. Needs the module's name section (wasm-bindgen --keep-debug,
wasm-opt -g). Usage: python3 areas.py MODULE.wasm GZIP_BYTES_OF_THE_SHIPPED_FILE"""
import collections, re, sys, zlib

AREAS = [  # first match wins; names are demangled paths
    ('crossover::app::components::fleet_page', 'pages: fleet'), ('crossover::core::fleet', 'pages: fleet'),
    ('crossover::app::components::prices_page', 'pages: prices'),
    ('crossover::app::components::claims_page', 'pages: rules of thumb'), ('crossover::core::claims', 'pages: rules of thumb'),
    ('crossover::app', 'app: explorer, worker glue'), ('crossover::chart', 'charts'), ('plotters', 'charts'),
    ('crossover::core::coldstart', 'core: cold starts, simulation'), ('crossover::core::cost', 'core: pricing'),
    ('crossover::', 'core: other'), ('yew', 'yew'), ('serde', 'serde, serde_json'),
    ('js_sys', 'bindings'), ('web_sys', 'bindings'), ('wasm_bindgen', 'bindings'), ('gloo', 'bindings'),
]


def leb(b, i):
    r = s = 0
    while True:
        x = b[i]; i += 1; r |= (x & 0x7F) << s; s += 7
        if x < 0x80:
            return r, i


def sections(data):
    i = 8
    while i < len(data):
        sid = data[i]; n, i = leb(data, i + 1)
        yield sid, data[i:i + n]; i += n


def demangle(s):
    m = re.match(r'_ZN(.*)E$', s)
    if not m:
        return s
    t, out, k = m.group(1), [], 0
    while k < len(t) and t[k].isdigit():
        n = re.match(r'\d+', t[k:]).group(0); k += len(n); out.append(t[k:k + int(n)]); k += int(n)
    return '::'.join(out).replace('$LT$', '<').replace('$GT$', '>').replace('..', '::')


def main(path, shipped_gzip):
    data = open(path, 'rb').read()
    imports, bodies, names, datasec = 0, [], {}, b''
    for sid, b in sections(data):
        if sid == 2:  # imports: function indices start after the imported functions
            n, j = leb(b, 0)
            for _ in range(n):
                for _ in range(2):
                    l, j = leb(b, j); j += l
                kind = b[j]; j += 1
                if kind == 0: _, j = leb(b, j); imports += 1
                elif kind == 1: j += 1; fl, j = leb(b, j); _, j = leb(b, j); j = leb(b, j)[1] if fl & 1 else j
                elif kind == 2: fl = b[j]; j += 1; _, j = leb(b, j); j = leb(b, j)[1] if fl & 1 else j
                elif kind == 3: j += 2
        elif sid == 10:
            n, j = leb(b, 0)
            for _ in range(n):
                l, j = leb(b, j); bodies.append(b[j:j + l]); j += l
        elif sid == 11:
            datasec = b
        elif sid == 0:
            l, j = leb(b, 0)
            if b[j:j + l] == b'name':
                j += l
                while j < len(b):
                    sub = b[j]; size, j = leb(b, j + 1); end = j + size
                    if sub == 1:
                        n, k = leb(b, j)
                        for _ in range(n):
                            idx, k = leb(b, k); l, k = leb(b, k); names[idx] = b[k:k + l].decode('utf8', 'replace'); k += l
                    j = end
    groups = collections.defaultdict(list)
    for k, body in enumerate(bodies):
        name = demangle(names.get(imports + k, ''))
        groups[next((a for p, a in AREAS if p in name), 'std: alloc, fmt, float, libm, malloc')].append(body)
    groups['data: strings and tables'] = [datasec]
    packed = {a: len(zlib.compress(b''.join(v), 9)) for a, v in groups.items()}
    scale = shipped_gzip / sum(packed.values())
    print('| area | raw KB | ≈ gzip KB |\n|---|---|---|')
    for a in sorted(packed, key=packed.get, reverse=True):
        print(f'| {a} | {sum(map(len, groups[a])) / 1000:.1f} | {packed[a] * scale / 1000:.1f} |')


if __name__ == '__main__':
    main(sys.argv[1], int(sys.argv[2]))
