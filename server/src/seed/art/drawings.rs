//! The drawings themselves: one SVG fragment per kind of product, with
//! `$F` (the item's colour), `$L` (its lines) and `$T` (a second tone) left
//! for `Paint` to fill in. Kept apart from the choosing and painting in
//! `mod.rs` because they are data, and long.

// Neutral parts (soles, metal, glass, labels) keep their own colours.
// Every drawing sits in a 640×640 box, roughly 120..520 both ways, and the
// middle of the picture (320, 320) is on the item's own colour wherever the
// shape allows it.

pub(super) const DOWN_JACKET: &str = r##"<defs><clipPath id="quilt"><path d="M272 150 L368 150 L430 182 L472 215 Q500 340 492 478 L446 482 Q440 380 428 290 L428 502 Q320 516 212 502 L212 290 Q200 380 194 482 L148 478 Q140 340 168 215 L210 182 Z"/></clipPath></defs>
<path d="M272 150 L368 150 L430 182 L472 215 Q500 340 492 478 L446 482 Q440 380 428 290 L428 502 Q320 516 212 502 L212 290 Q200 380 194 482 L148 478 Q140 340 168 215 L210 182 Z" fill="$F" stroke="$L" stroke-width="6"/>
<g clip-path="url(#quilt)" fill="none" stroke="$L" stroke-width="5"><path d="M100 200 Q320 214 540 200 M100 250 Q320 264 540 250 M100 300 Q320 314 540 300 M100 350 Q320 364 540 350 M100 400 Q320 414 540 400 M100 450 Q320 464 540 450"/></g>
<path d="M212 290 Q200 380 194 482 M428 290 Q440 380 446 482" fill="none" stroke="$L" stroke-width="5"/>
<path d="M320 168 V508" stroke="$L" stroke-width="4"/>
<path d="M272 150 Q320 128 368 150 L362 180 Q320 166 278 180 Z" fill="$T" stroke="$L" stroke-width="5"/>
<path d="M236 430 L262 396 M404 430 L378 396" stroke="$L" stroke-width="5"/>
<path d="M150 462 L194 466 M446 466 L490 462" stroke="$L" stroke-width="9"/>"##;

pub(super) const T_SHIRT: &str = r##"<path d="M258 140 Q320 176 382 140 L478 184 L452 282 L412 266 L412 500 L228 500 L228 266 L188 282 L162 184 Z" fill="$F" stroke="$L" stroke-width="6"/>
<path d="M258 140 Q320 176 382 140 Q320 202 258 140 Z" fill="$T" stroke="$L" stroke-width="5"/>
<path d="M464 192 L440 278 M176 192 L200 278 M234 484 H406" fill="none" stroke="$L" stroke-width="4" stroke-dasharray="9 7"/>
<path d="M228 266 V300 M412 266 V300" stroke="$L" stroke-width="4"/>"##;

pub(super) const DRESS: &str = r##"<path d="M282 140 L300 140 L306 168 Q320 180 334 168 L340 140 L358 140 L370 256 Q378 280 372 292 L466 494 Q320 528 174 494 L268 292 Q262 280 270 256 Z" fill="$F" stroke="$L" stroke-width="6"/>
<path d="M270 284 Q320 296 370 284" fill="none" stroke="$L" stroke-width="10"/>
<path d="M296 304 L258 496 M344 304 L382 496" fill="none" stroke="$L" stroke-width="4" opacity=".6"/>
<path d="M184 480 Q320 512 456 480" fill="none" stroke="$L" stroke-width="4" stroke-dasharray="9 7"/>"##;

pub(super) const SNEAKER: &str = r##"<g transform="translate(0 40)"><path d="M150 402 L150 340 Q152 312 184 306 L234 298 Q262 256 306 250 L342 252 Q364 284 400 298 Q470 310 508 344 Q522 366 516 402 Z" fill="$F" stroke="$L" stroke-width="6"/>
<path d="M150 402 L150 340 Q152 312 184 306 L202 402 Z" fill="$T" stroke="$L" stroke-width="4"/>
<g fill="$L" opacity=".55"><circle cx="434" cy="336" r="5"/><circle cx="456" cy="344" r="5"/><circle cx="478" cy="354" r="5"/><circle cx="444" cy="358" r="5"/><circle cx="466" cy="366" r="5"/><circle cx="488" cy="376" r="5"/></g>
<path d="M226 380 Q330 376 430 314" fill="none" stroke="$L" stroke-width="12"/>
<path d="M314 280 L334 256 M336 292 L356 268 M358 304 L378 280" stroke="$L" stroke-width="6"/>
<path d="M136 402 H524 Q532 440 500 448 H170 Q132 446 136 402 Z" fill="#f3f2ee" stroke="#b9b5ac" stroke-width="5"/>
<path d="M156 428 H508" stroke="#d6d2c9" stroke-width="4"/></g>"##;

pub(super) const HEADPHONES: &str = r##"<path d="M196 330 Q190 150 320 148 Q450 150 444 330" fill="none" stroke="$L" stroke-width="40"/>
<path d="M196 330 Q190 150 320 148 Q450 150 444 330" fill="none" stroke="$F" stroke-width="28"/>
<rect x="186" y="258" width="20" height="50" rx="6" fill="#c8cbd0"/><rect x="434" y="258" width="20" height="50" rx="6" fill="#c8cbd0"/>
<rect x="150" y="300" width="92" height="160" rx="40" fill="$F" stroke="$L" stroke-width="6"/>
<rect x="398" y="300" width="92" height="160" rx="40" fill="$F" stroke="$L" stroke-width="6"/>
<rect x="230" y="318" width="30" height="124" rx="14" fill="$T" stroke="$L" stroke-width="4"/>
<rect x="380" y="318" width="30" height="124" rx="14" fill="$T" stroke="$L" stroke-width="4"/>
<circle cx="192" cy="380" r="14" fill="$L"/><circle cx="448" cy="380" r="14" fill="$L"/>"##;

pub(super) const SMARTWATCH: &str = r##"<rect x="268" y="110" width="104" height="420" rx="34" fill="$F" stroke="$L" stroke-width="6"/>
<circle cx="320" cy="462" r="6" fill="$L"/><circle cx="320" cy="488" r="6" fill="$L"/>
<rect x="412" y="282" width="16" height="40" rx="6" fill="#c8cbd0" stroke="$L" stroke-width="3"/>
<rect x="226" y="214" width="188" height="212" rx="52" fill="$T" stroke="$L" stroke-width="6"/>
<rect x="246" y="234" width="148" height="172" rx="38" fill="#16181c"/>
<circle cx="320" cy="306" r="42" fill="none" stroke="#4cc38a" stroke-width="10"/>
<circle cx="320" cy="306" r="26" fill="none" stroke="#5aa9e6" stroke-width="8"/>
<rect x="286" y="366" width="68" height="10" rx="5" fill="#e6e6e6"/>"##;

pub(super) const PHONE_CASE: &str = r##"<rect x="214" y="112" width="212" height="416" rx="44" fill="$F" stroke="$L" stroke-width="6"/>
<rect x="424" y="210" width="8" height="50" rx="3" fill="$L"/><rect x="208" y="200" width="8" height="36" rx="3" fill="$L"/>
<rect x="236" y="134" width="96" height="96" rx="24" fill="$T" stroke="$L" stroke-width="4"/>
<g fill="#24262b" stroke="#8d9096" stroke-width="4"><circle cx="262" cy="160" r="16"/><circle cx="262" cy="204" r="16"/><circle cx="306" cy="182" r="16"/></g>
<circle cx="308" cy="148" r="5" fill="#f3e7b5"/>
<circle cx="320" cy="372" r="26" fill="none" stroke="$L" stroke-width="5"/>"##;

pub(super) const BEDDING: &str = r##"<rect x="140" y="170" width="360" height="170" rx="26" fill="#b4875c" stroke="#8a6440" stroke-width="6"/>
<rect x="140" y="466" width="20" height="36" fill="#8a6440"/><rect x="480" y="466" width="20" height="36" fill="#8a6440"/>
<rect x="120" y="400" width="400" height="70" rx="16" fill="#c79a6e" stroke="#8a6440" stroke-width="6"/>
<rect x="170" y="250" width="134" height="70" rx="30" fill="$T" stroke="$L" stroke-width="5"/>
<rect x="336" y="250" width="134" height="70" rx="30" fill="$T" stroke="$L" stroke-width="5"/>
<path d="M126 318 Q320 292 514 318 L520 432 Q320 454 120 432 Z" fill="$F" stroke="$L" stroke-width="6"/>
<path d="M126 356 Q320 330 514 356" fill="none" stroke="$L" stroke-width="5"/>"##;

pub(super) const POT: &str = r##"<path d="M176 330 H138 Q126 330 126 344 V356 Q126 370 140 370 H182 M464 330 H502 Q514 330 514 344 V356 Q514 370 500 370 H458" fill="none" stroke="$L" stroke-width="12"/>
<path d="M176 300 H464 L452 462 Q448 492 416 492 H224 Q192 492 188 462 Z" fill="$F" stroke="$L" stroke-width="6"/>
<path d="M208 340 L216 452" stroke="#ffffff" stroke-opacity=".25" stroke-width="12"/>
<path d="M172 292 Q320 190 468 292 Z" fill="$F" stroke="$L" stroke-width="6"/>
<path d="M214 274 Q256 242 296 234" fill="none" stroke="#ffffff" stroke-opacity=".35" stroke-width="8"/>
<rect x="296" y="214" width="48" height="28" rx="12" fill="#2a2c30"/>
<rect x="168" y="288" width="304" height="22" rx="10" fill="$T" stroke="$L" stroke-width="5"/>"##;

pub(super) const DESK_LAMP: &str = r##"<path d="M412 342 L360 500 H560 L500 288 Z" fill="#fff3c4" opacity=".45"/>
<path d="M250 486 L214 330 L350 206" fill="none" stroke="$L" stroke-width="16"/>
<path d="M250 486 L214 330 L350 206" fill="none" stroke="$F" stroke-width="8"/>
<ellipse cx="250" cy="492" rx="96" ry="22" fill="$F" stroke="$L" stroke-width="6"/>
<circle cx="214" cy="330" r="12" fill="$T" stroke="$L" stroke-width="4"/>
<path d="M340 190 L382 170 L500 286 Q470 330 410 340 Z" fill="$F" stroke="$L" stroke-width="6"/>
<circle cx="456" cy="318" r="16" fill="#fff3c4"/>
<circle cx="350" cy="206" r="12" fill="$T" stroke="$L" stroke-width="4"/>"##;

pub(super) const SERUM: &str = r##"<path d="M296 200 V150 Q296 112 320 112 Q344 112 344 150 V200 Z" fill="#2a2c30"/>
<rect x="288" y="232" width="64" height="36" rx="6" fill="$T" stroke="$L" stroke-width="5"/>
<rect x="278" y="198" width="84" height="40" rx="8" fill="#c8cbd0" stroke="#8d9096" stroke-width="4"/>
<rect x="244" y="262" width="152" height="240" rx="30" fill="$F" stroke="$L" stroke-width="6"/>
<rect x="256" y="278" width="14" height="196" rx="7" fill="#ffffff" opacity=".3"/>
<rect x="266" y="344" width="108" height="110" rx="10" fill="#fbfaf7" stroke="$L" stroke-width="3"/>
<path d="M286 372 H354 M286 396 H344 M286 420 H334" stroke="$L" stroke-width="6"/>"##;

pub(super) const LIPSTICK: &str = r##"<path d="M290 222 V160 L350 120 V222 Z" fill="#b3263a" stroke="#7d1a29" stroke-width="4"/>
<rect x="278" y="220" width="84" height="84" rx="6" fill="#d9b866" stroke="#9c7f35" stroke-width="4"/>
<rect x="262" y="330" width="116" height="172" rx="12" fill="$F" stroke="$L" stroke-width="6"/>
<rect x="256" y="300" width="128" height="40" rx="8" fill="#caa753" stroke="#9c7f35" stroke-width="4"/>
<rect x="274" y="350" width="12" height="136" rx="6" fill="#ffffff" opacity=".25"/>
<rect x="410" y="360" width="76" height="142" rx="12" fill="$F" stroke="$L" stroke-width="6"/>
<rect x="410" y="360" width="76" height="20" rx="6" fill="#caa753" stroke="#9c7f35" stroke-width="4"/>"##;

pub(super) const PERFUME: &str = r##"<rect x="262" y="140" width="116" height="86" rx="14" fill="#caa753" stroke="#9c7f35" stroke-width="5"/>
<rect x="290" y="222" width="60" height="32" fill="#c8cbd0" stroke="#8d9096" stroke-width="4"/>
<rect x="206" y="250" width="228" height="252" rx="34" fill="$F" stroke="$L" stroke-width="6"/>
<rect x="230" y="276" width="180" height="200" rx="22" fill="$T"/>
<path d="M226 290 V460" stroke="#ffffff" stroke-opacity=".35" stroke-width="10"/>
<rect x="262" y="362" width="116" height="56" rx="6" fill="#fbfaf7" stroke="$L" stroke-width="3"/>
<path d="M284 390 H356" stroke="$L" stroke-width="5"/>"##;

pub(super) const RUNNING_BELT: &str = r##"<path d="M100 300 Q320 360 540 300" fill="none" stroke="$L" stroke-width="46"/>
<path d="M100 300 Q320 360 540 300" fill="none" stroke="$F" stroke-width="34"/>
<path d="M100 300 Q320 360 540 300" fill="none" stroke="#e9ecef" stroke-width="6" stroke-dasharray="18 12"/>
<rect x="470" y="300" width="38" height="44" rx="6" fill="#2a2c30"/>
<rect x="220" y="262" width="200" height="150" rx="40" fill="$F" stroke="$L" stroke-width="6"/>
<path d="M246 292 Q320 278 394 292" fill="none" stroke="$L" stroke-width="5"/>
<rect x="384" y="288" width="12" height="30" rx="4" fill="#c8cbd0"/>
<rect x="270" y="368" width="100" height="12" rx="6" fill="#e9ecef"/>"##;

pub(super) const TENT: &str = r##"<path d="M320 150 V124 M180 372 L96 482 M460 372 L544 482" stroke="#7d7a72" stroke-width="4"/>
<path d="M116 480 L300 168 Q320 150 340 168 L524 480 Z" fill="$F" stroke="$L" stroke-width="6"/>
<path d="M320 164 L200 480 M320 164 L440 480" stroke="$L" stroke-width="3" opacity=".6"/>
<path d="M320 236 L254 480 H386 Z" fill="$L"/>
<path d="M320 236 L386 480 H424 Z" fill="$T" stroke="$L" stroke-width="4"/>
<path d="M80 482 H560" stroke="#7d7a72" stroke-width="6"/>"##;

pub(super) const YOGA_MAT: &str = r##"<ellipse cx="170" cy="330" rx="40" ry="80" fill="$F" stroke="$L" stroke-width="6"/>
<path d="M170 250 H460 V410 H170" fill="$F" stroke="$L" stroke-width="6"/>
<rect x="230" y="246" width="22" height="168" fill="$L"/><rect x="370" y="246" width="22" height="168" fill="$L"/>
<ellipse cx="460" cy="330" rx="40" ry="80" fill="$T" stroke="$L" stroke-width="6"/>
<ellipse cx="460" cy="330" rx="28" ry="56" fill="none" stroke="$L" stroke-width="4"/>
<ellipse cx="460" cy="330" rx="16" ry="32" fill="none" stroke="$L" stroke-width="4"/>
<ellipse cx="460" cy="330" rx="5" ry="10" fill="$L"/>"##;

pub(super) const TEA_CADDY: &str = r##"<rect x="226" y="222" width="188" height="282" rx="18" fill="$F" stroke="$L" stroke-width="6"/>
<path d="M226 268 H414 M226 470 H414" stroke="$L" stroke-width="4"/>
<rect x="216" y="176" width="208" height="62" rx="14" fill="$T" stroke="$L" stroke-width="6"/>
<circle cx="320" cy="370" r="66" fill="#fbfaf7" stroke="$L" stroke-width="4"/>
<path d="M286 402 Q282 334 352 328 Q360 398 286 402 Z" fill="#5f8f3e"/>
<path d="M290 398 Q316 362 346 334" fill="none" stroke="#3f6a27" stroke-width="4"/>"##;

pub(super) const COFFEE_BAG: &str = r##"<path d="M226 176 H414 L432 500 Q320 514 208 500 Z" fill="$F" stroke="$L" stroke-width="6"/>
<rect x="226" y="176" width="188" height="30" fill="$T" stroke="$L" stroke-width="5"/>
<path d="M242 182 V200 M258 182 V200 M274 182 V200 M290 182 V200 M306 182 V200 M322 182 V200 M338 182 V200 M354 182 V200 M370 182 V200 M386 182 V200 M402 182 V200" stroke="$L" stroke-width="3"/>
<circle cx="320" cy="250" r="12" fill="$L"/>
<rect x="256" y="300" width="128" height="140" rx="12" fill="#fbfaf7" stroke="$L" stroke-width="3"/>
<g transform="rotate(25 320 370)"><ellipse cx="320" cy="370" rx="30" ry="44" fill="#6b4226"/><path d="M320 328 Q304 370 320 412" fill="none" stroke="#3f2616" stroke-width="6"/></g>"##;

pub(super) const SNACK_POUCH: &str = r##"<path d="M214 200 L222 182 L230 200 L238 182 L246 200 L254 182 L262 200 L270 182 L278 200 L286 182 L294 200 L302 182 L310 200 L318 182 L326 200 L334 182 L342 200 L350 182 L358 200 L366 182 L374 200 L382 182 L390 200 L398 182 L406 200 L414 182 L422 200 L426 200 L440 496 Q320 510 200 496 Z" fill="$F" stroke="$L" stroke-width="6"/>
<rect x="214" y="200" width="212" height="26" fill="$T" stroke="$L" stroke-width="4"/>
<rect x="250" y="290" width="140" height="130" rx="60" fill="#f5efe3" stroke="$L" stroke-width="4"/>
<g fill="#b07a46" stroke="#7d5330" stroke-width="3"><ellipse cx="290" cy="336" rx="18" ry="12" transform="rotate(-20 290 336)"/><ellipse cx="340" cy="330" rx="18" ry="12" transform="rotate(25 340 330)"/><ellipse cx="316" cy="368" rx="18" ry="12"/><ellipse cx="284" cy="386" rx="16" ry="11" transform="rotate(30 284 386)"/><ellipse cx="352" cy="384" rx="16" ry="11" transform="rotate(-30 352 384)"/></g>"##;

// The other kinds of product the demo sells, in the same style.

pub(super) const SKATE_SHOE: &str = r##"<g transform="translate(0 40)"><path d="M150 396 V318 Q152 292 184 290 L256 286 Q268 256 302 252 L332 252 Q342 278 376 292 Q456 304 496 330 Q522 350 522 396 Z" fill="$F" stroke="$L" stroke-width="6"/>
<path d="M150 396 V318 Q152 292 184 290 L200 290 Q214 340 206 396 Z" fill="$T" stroke="$L" stroke-width="4"/>
<path d="M188 374 Q258 364 316 322 Q342 304 366 318 Q338 346 304 378 Q252 392 188 390 Z" fill="#f3f2ee" stroke="$L" stroke-width="4"/>
<path d="M334 262 Q356 290 380 300 Q430 310 470 322" fill="none" stroke="$T" stroke-width="16"/>
<path d="M346 272 L362 266 M362 286 L374 276 M382 296 L390 284 M402 302 L406 290 M422 306 L424 294" stroke="#f3f2ee" stroke-width="6"/>
<path d="M136 396 H528 V436 Q528 448 516 448 H148 Q136 448 136 436 Z" fill="#f3f2ee" stroke="#b9b5ac" stroke-width="5"/>
<path d="M138 414 H526" stroke="$F" stroke-width="6"/>
<path d="M448 396 Q470 356 522 362 V396 Z" fill="#f3f2ee" stroke="#b9b5ac" stroke-width="4"/></g>"##;

pub(super) const HIKING_SHOE: &str = r##"<g transform="translate(0 40)"><path d="M168 398 L170 206 Q172 184 196 182 L286 182 Q296 226 302 272 Q348 286 404 296 Q478 310 506 346 Q520 370 516 398 Z" fill="$F" stroke="$L" stroke-width="6"/>
<path d="M166 182 Q230 162 292 182 L294 212 Q230 196 168 212 Z" fill="$T" stroke="$L" stroke-width="5"/>
<path d="M430 398 Q440 330 506 340 Q522 366 516 398 Z" fill="$T" stroke="$L" stroke-width="4"/>
<path d="M170 330 Q250 320 300 272 M174 364 Q290 366 420 316" fill="none" stroke="$L" stroke-width="5"/>
<g fill="#c8cbd0" stroke="#6b6e74" stroke-width="3"><circle cx="292" cy="206" r="8"/><circle cx="296" cy="238" r="8"/><circle cx="312" cy="272" r="8"/><circle cx="340" cy="284" r="8"/></g>
<path d="M292 206 L300 236 M296 238 L316 268 M312 272 L342 282" stroke="#d8b46a" stroke-width="5"/>
<path d="M150 398 H530 Q538 428 516 440 H170 Q146 436 150 398 Z" fill="#3a3b3f" stroke="#242528" stroke-width="5"/>
<path d="M170 448 H514" stroke="#3a3b3f" stroke-width="16" stroke-dasharray="22 12" stroke-linecap="butt"/>
<path d="M160 412 H522" stroke="#5d5e63" stroke-width="4"/></g>"##;

pub(super) const MESH_SNEAKER: &str = r##"<defs><clipPath id="mesh"><path d="M160 400 V338 Q160 302 196 296 L240 292 Q250 244 296 238 Q322 254 344 266 Q388 294 432 304 Q492 318 510 354 Q518 378 512 400 Z"/></clipPath></defs>
<g transform="translate(0 40)"><path d="M160 400 V338 Q160 302 196 296 L240 292 Q250 244 296 238 Q322 254 344 266 Q388 294 432 304 Q492 318 510 354 Q518 378 512 400 Z" fill="$F" stroke="$L" stroke-width="6"/>
<g clip-path="url(#mesh)" stroke="$L" stroke-width="2.5" opacity=".6"><path d="M100 200 L420 520 M130 200 L450 520 M160 200 L480 520 M190 200 L510 520 M220 200 L540 520 M250 200 L570 520 M280 200 L600 520 M310 200 L630 520 M70 200 L390 520 M40 200 L360 520 M10 200 L330 520 M-20 200 L300 520"/><path d="M540 200 L220 520 M510 200 L190 520 M480 200 L160 520 M450 200 L130 520 M420 200 L100 520 M390 200 L70 520 M360 200 L40 520 M570 200 L250 520 M600 200 L280 520 M630 200 L310 520 M660 200 L340 520 M690 200 L370 520"/></g>
<path d="M240 292 Q262 280 296 300 L310 400" fill="none" stroke="$L" stroke-width="5"/>
<path d="M316 290 Q360 300 372 330" fill="none" stroke="$T" stroke-width="10"/>
<path d="M140 400 H522 Q530 424 516 438 Q470 446 440 436 Q400 450 360 438 Q320 450 280 438 Q240 450 200 438 Q160 448 148 434 Q136 420 140 400 Z" fill="#f3f2ee" stroke="#b9b5ac" stroke-width="5"/>
<path d="M150 436 Q330 452 512 436" fill="none" stroke="$T" stroke-width="6"/></g>"##;

pub(super) const KIDS_SHOE: &str = r##"<g transform="translate(0 40)"><path d="M170 396 V318 Q172 288 206 284 L248 280 Q264 240 306 238 L336 240 Q368 266 412 280 Q480 296 500 338 Q508 368 502 396 Z" fill="$F" stroke="$L" stroke-width="6"/>
<path d="M170 396 V318 Q172 288 206 284 L220 284 Q232 340 224 396 Z" fill="$T" stroke="$L" stroke-width="4"/>
<path d="M280 256 L344 246 L368 348 L302 356 Z" fill="$T" stroke="$L" stroke-width="5"/>
<path d="M360 270 L420 280 L428 358 L372 360 Z" fill="$T" stroke="$L" stroke-width="5"/>
<path d="M292 266 L340 259 L358 338 L308 344 Z M370 282 L412 290 L418 346 L380 348 Z" fill="none" stroke="$L" stroke-width="3" stroke-dasharray="6 6"/>
<path d="M250 330 l10 20 22 3 -16 15 4 22 -20 -11 -20 11 4 -22 -16 -15 22 -3 Z" transform="translate(-30 -6)" fill="#e8c140" stroke="#b48f1f" stroke-width="3"/>
<path d="M150 396 H516 Q530 440 494 446 H180 Q146 444 150 396 Z" fill="#f3f2ee" stroke="#b9b5ac" stroke-width="5"/>
<path d="M160 420 H512" stroke="$T" stroke-width="8"/></g>"##;

pub(super) const EARBUDS: &str = r##"<rect x="190" y="330" width="260" height="170" rx="80" fill="$F" stroke="$L" stroke-width="6"/>
<path d="M196 384 H444" stroke="$L" stroke-width="5"/>
<path d="M214 356 Q240 340 280 338" fill="none" stroke="#ffffff" stroke-opacity=".35" stroke-width="8"/>
<circle cx="320" cy="446" r="7" fill="#4cc38a"/>
<g transform="rotate(-14 262 230)"><rect x="246" y="200" width="32" height="116" rx="16" fill="$F" stroke="$L" stroke-width="6"/><circle cx="262" cy="196" r="44" fill="$F" stroke="$L" stroke-width="6"/><ellipse cx="284" cy="190" rx="16" ry="22" fill="$T" stroke="$L" stroke-width="4"/><circle cx="262" cy="306" r="5" fill="#c8cbd0"/></g>
<g transform="rotate(14 378 230)"><rect x="362" y="200" width="32" height="116" rx="16" fill="$F" stroke="$L" stroke-width="6"/><circle cx="378" cy="196" r="44" fill="$F" stroke="$L" stroke-width="6"/><ellipse cx="356" cy="190" rx="16" ry="22" fill="$T" stroke="$L" stroke-width="4"/><circle cx="378" cy="306" r="5" fill="#c8cbd0"/></g>"##;

pub(super) const EAR_HOOK: &str = r##"<path d="M232 372 Q250 470 320 470 Q390 470 408 372" fill="none" stroke="$L" stroke-width="8"/>
<g transform="translate(20 0)"><path d="M400 246 Q420 150 490 160 Q552 180 536 280 Q522 370 476 420" fill="none" stroke="$L" stroke-width="34"/>
<path d="M400 246 Q420 150 490 160 Q552 180 536 280 Q522 370 476 420" fill="none" stroke="$F" stroke-width="22"/>
<ellipse cx="410" cy="300" rx="58" ry="72" fill="$F" stroke="$L" stroke-width="6"/>
<circle cx="380" cy="296" r="30" fill="$T" stroke="$L" stroke-width="5"/>
<circle cx="380" cy="296" r="12" fill="$L"/>
<path d="M428 248 Q452 262 456 300" fill="none" stroke="#ffffff" stroke-opacity=".35" stroke-width="7"/></g>
<g transform="translate(620 0) scale(-1 1)"><path d="M400 246 Q420 150 490 160 Q552 180 536 280 Q522 370 476 420" fill="none" stroke="$L" stroke-width="34"/>
<path d="M400 246 Q420 150 490 160 Q552 180 536 280 Q522 370 476 420" fill="none" stroke="$F" stroke-width="22"/>
<ellipse cx="410" cy="300" rx="58" ry="72" fill="$F" stroke="$L" stroke-width="6"/>
<circle cx="380" cy="296" r="30" fill="$T" stroke="$L" stroke-width="5"/>
<circle cx="380" cy="296" r="12" fill="$L"/>
<path d="M428 248 Q452 262 456 300" fill="none" stroke="#ffffff" stroke-opacity=".35" stroke-width="7"/></g>"##;

/// Parts added to the over-ear pair for the studio and kids' headphones.
pub(super) const COILED_CABLE: &str = r##"<path d="M196 460 V486 Q196 500 214 500 H230" fill="none" stroke="#2a2c30" stroke-width="7"/>
<g fill="none" stroke="#2a2c30" stroke-width="6"><ellipse cx="242" cy="500" rx="10" ry="18"/><ellipse cx="258" cy="500" rx="10" ry="18"/><ellipse cx="274" cy="500" rx="10" ry="18"/><ellipse cx="290" cy="500" rx="10" ry="18"/><ellipse cx="306" cy="500" rx="10" ry="18"/><ellipse cx="322" cy="500" rx="10" ry="18"/><ellipse cx="338" cy="500" rx="10" ry="18"/><ellipse cx="354" cy="500" rx="10" ry="18"/><ellipse cx="370" cy="500" rx="10" ry="18"/></g>
<path d="M380 500 H420" stroke="#2a2c30" stroke-width="7"/>
<rect x="420" y="490" width="46" height="20" rx="6" fill="$F" stroke="$L" stroke-width="4"/>
<path d="M466 500 H500" stroke="#c8cbd0" stroke-width="8"/><path d="M480 496 V504 M490 496 V504" stroke="#6b6e74" stroke-width="3"/>"##;

pub(super) const CAT_EARS: &str = r##"<path d="M214 214 L226 110 L300 168 Z M426 214 L414 110 L340 168 Z" fill="$F" stroke="$L" stroke-width="6"/>
<path d="M232 186 L238 140 L276 170 Z M408 186 L402 140 L364 170 Z" fill="#eaa5b5"/>"##;

pub(super) const KID_STARS: &str = r##"<g fill="#e8c140" stroke="#b48f1f" stroke-width="3"><path d="M196 352 l7 14 15 2 -11 11 3 15 -14 -7 -14 7 3 -15 -11 -11 15 -2 Z"/><path d="M444 352 l7 14 15 2 -11 11 3 15 -14 -7 -14 7 3 -15 -11 -11 15 -2 Z"/></g>"##;

pub(super) const SMART_BAND: &str = r##"<rect x="284" y="110" width="72" height="420" rx="30" fill="$F" stroke="$L" stroke-width="6"/>
<circle cx="320" cy="456" r="5" fill="$L"/><circle cx="320" cy="478" r="5" fill="$L"/><circle cx="320" cy="500" r="5" fill="$L"/>
<rect x="264" y="206" width="112" height="228" rx="56" fill="$T" stroke="$L" stroke-width="6"/>
<rect x="280" y="224" width="80" height="192" rx="40" fill="#16181c"/>
<rect x="296" y="256" width="40" height="22" rx="4" fill="none" stroke="#e6e6e6" stroke-width="4"/><rect x="336" y="262" width="6" height="10" rx="2" fill="#e6e6e6"/>
<path d="M303 263 V271 M312 263 V271 M321 263 V271" stroke="#4cc38a" stroke-width="6"/>
<rect x="298" y="306" width="44" height="12" rx="6" fill="#e6e6e6"/>
<path d="M300 346 V376 M312 336 V376 M324 352 V376 M336 326 V376" stroke="#5aa9e6" stroke-width="8"/>"##;

pub(super) const OXYGEN_BAND: &str = r##"<rect x="284" y="110" width="72" height="420" rx="30" fill="$F" stroke="$L" stroke-width="6"/>
<circle cx="320" cy="456" r="5" fill="$L"/><circle cx="320" cy="478" r="5" fill="$L"/><circle cx="320" cy="500" r="5" fill="$L"/>
<rect x="250" y="222" width="140" height="196" rx="36" fill="$T" stroke="$L" stroke-width="6"/>
<rect x="266" y="238" width="108" height="164" rx="26" fill="#16181c"/>
<path d="M320 262 Q298 292 298 306 A22 22 0 0 0 342 306 Q342 292 320 262 Z" fill="#e0505a"/>
<path d="M278 356 H298 L306 338 L318 376 L328 348 L336 356 H362" fill="none" stroke="#4cc38a" stroke-width="5"/>
<rect x="296" y="382" width="48" height="8" rx="4" fill="#e6e6e6"/>"##;

pub(super) const KIDS_WATCH: &str = r##"<rect x="262" y="110" width="116" height="420" rx="40" fill="$F" stroke="$L" stroke-width="6"/>
<circle cx="320" cy="470" r="7" fill="$L"/><circle cx="320" cy="496" r="7" fill="$L"/>
<rect x="434" y="272" width="18" height="50" rx="7" fill="#e0505a" stroke="$L" stroke-width="3"/>
<rect x="200" y="196" width="240" height="252" rx="62" fill="$T" stroke="$L" stroke-width="6"/>
<circle cx="320" cy="214" r="6" fill="#16181c"/>
<rect x="222" y="228" width="196" height="196" rx="44" fill="#cfe6c2"/>
<path d="M222 330 Q320 300 418 346 M300 228 Q290 330 330 424" fill="none" stroke="#ffffff" stroke-width="12"/>
<path d="M222 380 Q260 396 292 424" fill="none" stroke="#9ec3e6" stroke-width="14"/>
<path d="M320 358 Q284 318 284 294 A36 36 0 0 1 356 294 Q356 318 320 358 Z" fill="#e0505a" stroke="#a2323a" stroke-width="4"/>
<circle cx="320" cy="294" r="12" fill="#ffffff"/>"##;

pub(super) const BUSINESS_WATCH: &str = r##"<rect x="270" y="108" width="100" height="424" rx="22" fill="$F" stroke="$L" stroke-width="6"/>
<path d="M282 120 V240 M358 120 V240 M282 400 V520 M358 400 V520" stroke="$L" stroke-width="3" stroke-dasharray="8 6"/>
<rect x="258" y="486" width="124" height="14" rx="4" fill="#c8cbd0" stroke="#8d9096" stroke-width="3"/>
<rect x="428" y="302" width="22" height="36" rx="6" fill="#c8cbd0" stroke="#8d9096" stroke-width="4"/>
<circle cx="320" cy="320" r="118" fill="#c8cbd0" stroke="#8d9096" stroke-width="6"/>
<circle cx="320" cy="320" r="100" fill="#16181c"/>
<g stroke="#e6e6e6" stroke-width="6"><path d="M320 232 V252 M320 388 V408 M232 320 H252 M388 320 H408"/></g>
<g stroke="#9a9ba0" stroke-width="4"><path d="M364 244 L358 256 M396 276 L384 282 M396 364 L384 358 M364 396 L358 384 M276 396 L282 384 M244 364 L256 358 M244 276 L256 282 M276 244 L282 256"/></g>
<path d="M320 320 L320 262 M320 320 L364 344" stroke="#f5f5f2" stroke-width="8"/>
<path d="M320 320 L282 272" stroke="#e0505a" stroke-width="4"/>
<circle cx="320" cy="320" r="9" fill="#c8cbd0"/>"##;

pub(super) const CHARGER: &str = r##"<rect x="272" y="150" width="22" height="100" rx="4" fill="#c8cbd0" stroke="#8d9096" stroke-width="4"/>
<rect x="346" y="150" width="22" height="100" rx="4" fill="#c8cbd0" stroke="#8d9096" stroke-width="4"/>
<path d="M214 272 L240 236 H426 L400 272 Z" fill="$T" stroke="$L" stroke-width="6"/>
<path d="M426 236 V452 L400 490 V272 Z" fill="$T" stroke="$L" stroke-width="6"/>
<rect x="214" y="272" width="186" height="218" rx="14" fill="$F" stroke="$L" stroke-width="6"/>
<rect x="266" y="310" width="82" height="22" rx="11" fill="#2a2c30" stroke="$L" stroke-width="4"/>
<rect x="266" y="350" width="82" height="22" rx="11" fill="#2a2c30" stroke="$L" stroke-width="4"/>
<rect x="260" y="390" width="94" height="32" rx="4" fill="#2a2c30" stroke="$L" stroke-width="4"/><rect x="272" y="398" width="70" height="10" fill="#c8cbd0"/>
<path d="M310 440 L296 466 H312 L304 484 L326 456 H310 L318 440 Z" fill="#e8c140"/>"##;

pub(super) const POWER_BANK: &str = r##"<path d="M426 152 Q448 156 450 180 V488 Q448 508 426 512 Z" fill="$T" stroke="$L" stroke-width="6"/>
<rect x="196" y="140" width="240" height="372" rx="40" fill="$F" stroke="$L" stroke-width="6"/>
<circle cx="316" cy="292" r="84" fill="$T" stroke="$L" stroke-width="6"/>
<circle cx="316" cy="292" r="60" fill="none" stroke="$L" stroke-width="4" stroke-dasharray="8 8"/>
<path d="M322 250 L296 298 H318 L308 336 L338 284 H316 Z" fill="#e8c140"/>
<g fill="#4cc38a"><circle cx="280" cy="450" r="7"/><circle cx="304" cy="450" r="7"/><circle cx="328" cy="450" r="7"/></g><circle cx="352" cy="450" r="7" fill="$L"/>
<rect x="286" y="500" width="60" height="8" rx="4" fill="#2a2c30"/>"##;

pub(super) const CABLE: &str = r##"<path d="M232 430 C232 300 120 230 190 160 C260 96 400 150 362 236 C334 300 260 270 292 214 C324 160 470 170 464 276 C458 356 410 380 410 430" fill="none" stroke="$L" stroke-width="28"/>
<path d="M232 430 C232 300 120 230 190 160 C260 96 400 150 362 236 C334 300 260 270 292 214 C324 160 470 170 464 276 C458 356 410 380 410 430" fill="none" stroke="$F" stroke-width="18"/>
<path d="M232 430 C232 300 120 230 190 160 C260 96 400 150 362 236 C334 300 260 270 292 214 C324 160 470 170 464 276 C458 356 410 380 410 430" fill="none" stroke="$T" stroke-width="14" stroke-dasharray="5 7" stroke-linecap="butt"/>
<rect x="210" y="420" width="44" height="64" rx="10" fill="$T" stroke="$L" stroke-width="5"/>
<rect x="218" y="482" width="28" height="30" rx="8" fill="#c8cbd0" stroke="#8d9096" stroke-width="4"/>
<rect x="386" y="420" width="48" height="64" rx="8" fill="$T" stroke="$L" stroke-width="5"/>
<rect x="390" y="482" width="40" height="36" rx="2" fill="#c8cbd0" stroke="#8d9096" stroke-width="4"/>
<rect x="400" y="494" width="8" height="8" fill="#6b6e74"/><rect x="414" y="494" width="8" height="8" fill="#6b6e74"/>"##;

pub(super) const CAR_MOUNT: &str = r##"<rect x="150" y="470" width="340" height="50" rx="10" fill="#3a3b3f"/>
<path d="M160 486 H480 M160 504 H480" stroke="#5d5e63" stroke-width="6"/>
<rect x="298" y="430" width="44" height="66" rx="8" fill="$T" stroke="$L" stroke-width="5"/>
<rect x="222" y="120" width="196" height="330" rx="30" fill="#2a2c30" stroke="#16181c" stroke-width="6"/>
<rect x="236" y="138" width="168" height="294" rx="18" fill="#e3ecd9"/>
<path d="M236 226 Q320 250 404 214 M236 330 H404 M300 138 Q290 280 330 432" fill="none" stroke="#ffffff" stroke-width="14"/>
<path d="M312 400 Q296 320 340 290 Q380 264 370 200" fill="none" stroke="#2f62b3" stroke-width="10"/>
<circle cx="370" cy="196" r="14" fill="#e0505a" stroke="#ffffff" stroke-width="4"/>
<path d="M200 250 H236 V360 H200 Q188 360 188 348 V262 Q188 250 200 250 Z" fill="$F" stroke="$L" stroke-width="6"/>
<path d="M440 250 H404 V360 H440 Q452 360 452 348 V262 Q452 250 440 250 Z" fill="$F" stroke="$L" stroke-width="6"/>
<rect x="262" y="436" width="116" height="28" rx="12" fill="$F" stroke="$L" stroke-width="6"/>"##;

pub(super) const MOUSE: &str = r##"<path d="M320 140 C424 140 446 250 442 340 C438 456 394 504 320 504 C246 504 202 456 198 340 C194 250 216 140 320 140 Z" fill="$F" stroke="$L" stroke-width="6"/>
<path d="M320 142 V296 M204 294 Q320 316 436 294" fill="none" stroke="$L" stroke-width="5"/>
<rect x="306" y="180" width="28" height="72" rx="14" fill="#2a2c30" stroke="$L" stroke-width="4"/>
<path d="M312 198 H328 M312 216 H328 M312 234 H328" stroke="#6b6e74" stroke-width="3"/>
<path d="M228 340 Q226 420 262 460" fill="none" stroke="#ffffff" stroke-opacity=".3" stroke-width="10"/>
<g transform="rotate(-30 470 470)"><rect x="450" y="440" width="40" height="56" rx="8" fill="$T" stroke="$L" stroke-width="4"/><rect x="458" y="494" width="24" height="22" rx="2" fill="#c8cbd0" stroke="#8d9096" stroke-width="3"/></g>"##;

pub(super) const ERGO_MOUSE: &str = r##"<g transform="rotate(-10 320 330)"><path d="M184 420 Q150 400 160 360 Q170 330 214 338 Z" fill="$T" stroke="$L" stroke-width="6"/>
<path d="M330 140 C430 142 458 240 454 330 C450 446 410 504 330 506 C262 508 212 480 196 420 C186 380 208 352 214 338 C216 250 236 140 330 140 Z" fill="$F" stroke="$L" stroke-width="6"/>
<path d="M170 372 Q200 356 214 380" fill="none" stroke="$L" stroke-width="4"/>
<path d="M340 142 V300 M216 296 Q330 318 450 292" fill="none" stroke="$L" stroke-width="5"/>
<rect x="326" y="184" width="28" height="72" rx="14" fill="#2a2c30" stroke="$L" stroke-width="4"/>
<path d="M332 202 H348 M332 220 H348 M332 238 H348" stroke="#6b6e74" stroke-width="3"/>
<rect x="228" y="236" width="20" height="42" rx="8" fill="$T" stroke="$L" stroke-width="4"/>
<rect x="226" y="286" width="20" height="42" rx="8" fill="$T" stroke="$L" stroke-width="4"/>
<path d="M260 360 Q262 430 300 470" fill="none" stroke="#ffffff" stroke-opacity=".3" stroke-width="10"/>
<path d="M420 380 Q446 340 440 300 M400 440 Q428 420 440 380" fill="none" stroke="$L" stroke-width="4" opacity=".6"/></g>"##;

pub(super) const FOLDING_KEYBOARD: &str = r##"<defs><pattern id="fkeys" x="140" y="270" width="30" height="30" patternUnits="userSpaceOnUse"><rect x="2" y="2" width="24" height="24" rx="4" fill="$T" stroke="$L" stroke-width="2"/></pattern><pattern id="fkeys2" x="300" y="270" width="30" height="30" patternUnits="userSpaceOnUse"><rect x="2" y="2" width="24" height="24" rx="4" fill="$T" stroke="$L" stroke-width="2"/></pattern></defs>
<path d="M114 262 Q114 246 130 246 H322 V328 H292 V420 H130 Q114 420 114 404 Z" fill="$F" stroke="$L" stroke-width="6"/>
<path d="M526 262 Q526 246 510 246 H328 V328 H298 V420 H510 Q526 420 526 404 Z" fill="$F" stroke="$L" stroke-width="6"/>
<rect x="140" y="270" width="180" height="60" fill="url(#fkeys)"/><rect x="140" y="330" width="150" height="60" fill="url(#fkeys)"/>
<rect x="330" y="270" width="180" height="60" fill="url(#fkeys2)"/><rect x="300" y="330" width="210" height="60" fill="url(#fkeys2)"/>
<rect x="313" y="232" width="24" height="24" rx="6" fill="#c8cbd0" stroke="#8d9096" stroke-width="3"/>
<rect x="283" y="410" width="24" height="24" rx="6" fill="#c8cbd0" stroke="#8d9096" stroke-width="3"/>"##;

pub(super) const KEYBOARD_SET: &str = r##"<defs><pattern id="skeys" x="132" y="272" width="26" height="26" patternUnits="userSpaceOnUse"><rect x="2" y="2" width="21" height="21" rx="4" fill="$T" stroke="$L" stroke-width="2"/></pattern></defs>
<rect x="110" y="250" width="278" height="164" rx="18" fill="$F" stroke="$L" stroke-width="6"/>
<rect x="132" y="272" width="234" height="104" fill="url(#skeys)"/>
<rect x="134" y="380" width="44" height="21" rx="4" fill="$T" stroke="$L" stroke-width="2"/><rect x="184" y="380" width="130" height="21" rx="4" fill="$T" stroke="$L" stroke-width="2"/><rect x="320" y="380" width="44" height="21" rx="4" fill="$T" stroke="$L" stroke-width="2"/>
<path d="M440 262 C504 262 518 320 516 372 C514 440 488 470 440 470 C392 470 366 440 364 372 C362 320 376 262 440 262 Z" fill="$F" stroke="$L" stroke-width="6"/>
<path d="M440 264 V350 M368 348 Q440 362 512 348" fill="none" stroke="$L" stroke-width="4"/>
<rect x="431" y="286" width="18" height="44" rx="9" fill="#2a2c30" stroke="$L" stroke-width="3"/>"##;

pub(super) const DUVET: &str = r##"<defs><clipPath id="duvet"><path d="M150 230 Q320 200 490 230 Q510 350 500 470 Q320 500 140 470 Q130 350 150 230 Z"/></clipPath></defs>
<path d="M150 230 Q320 200 490 230 Q510 350 500 470 Q320 500 140 470 Q130 350 150 230 Z" fill="$F" stroke="$L" stroke-width="6"/>
<g clip-path="url(#duvet)" fill="none" stroke="$L" stroke-width="4" stroke-dasharray="10 8"><path d="M100 310 Q320 290 540 310 M100 392 Q320 372 540 392 M232 180 Q222 340 232 520 M320 180 Q314 340 320 520 M408 180 Q418 340 408 520"/></g>
<path d="M390 476 L500 470 Q510 410 496 340 Q440 420 390 476 Z" fill="$T" stroke="$L" stroke-width="5"/>"##;

pub(super) const PILLOW: &str = r##"<path d="M150 300 Q150 250 200 250 Q250 250 270 290 Q300 340 350 290 Q390 250 440 256 Q490 262 490 320 L530 280 Q530 222 480 216 Q430 210 390 250 Q340 300 310 250 Q290 210 240 210 Q190 210 190 260 Z" fill="$T" stroke="$L" stroke-width="6"/>
<path d="M490 320 L530 280 V400 L490 440 Z" fill="$T" stroke="$L" stroke-width="6"/>
<path d="M150 440 V300 Q150 250 200 250 Q250 250 270 290 Q300 340 350 290 Q390 250 440 256 Q490 262 490 320 V440 Q490 460 470 460 H170 Q150 460 150 440 Z" fill="$F" stroke="$L" stroke-width="6"/>
<path d="M170 436 H470" stroke="$L" stroke-width="4" stroke-dasharray="10 8"/>
<g fill="$L" opacity=".5"><circle cx="190" cy="330" r="5"/><circle cx="220" cy="366" r="5"/><circle cx="190" cy="400" r="5"/><circle cx="254" cy="400" r="5"/><circle cx="290" cy="372" r="5"/><circle cx="330" cy="400" r="5"/><circle cx="370" cy="364" r="5"/><circle cx="410" cy="320" r="5"/><circle cx="440" cy="364" r="5"/><circle cx="410" cy="404" r="5"/><circle cx="454" cy="300" r="5"/></g>"##;

pub(super) const BLANKET: &str = r##"<defs><clipPath id="plaid"><path d="M140 300 L200 230 H500 L440 300 Z M140 300 H440 V500 H140 Z"/></clipPath></defs>
<path d="M440 300 L500 230 V430 L440 500 Z" fill="$T" stroke="$L" stroke-width="6"/>
<path d="M440 350 L500 280 M440 400 L500 330 M440 450 L500 380" stroke="$L" stroke-width="4"/>
<path d="M140 300 L200 230 H500 L440 300 Z" fill="$F"/>
<rect x="140" y="300" width="300" height="50" rx="24" fill="$F"/><rect x="140" y="350" width="300" height="50" rx="24" fill="$F"/><rect x="140" y="400" width="300" height="50" rx="24" fill="$F"/><rect x="140" y="450" width="300" height="50" rx="24" fill="$F"/>
<g clip-path="url(#plaid)" opacity=".5"><path d="M200 140 V520 M290 140 V520 M380 140 V520" stroke="$L" stroke-width="24"/><path d="M247 230 L187 300 M337 230 L277 300 M427 230 L367 300" stroke="$L" stroke-width="24"/><path d="M100 257 H540 M100 281 H540" stroke="$L" stroke-width="12"/></g>
<g fill="none" stroke="$L" stroke-width="6"><path d="M140 300 L200 230 H500 L440 300 Z"/><rect x="140" y="300" width="300" height="50" rx="24"/><rect x="140" y="350" width="300" height="50" rx="24"/><rect x="140" y="400" width="300" height="50" rx="24"/><rect x="140" y="450" width="300" height="50" rx="24"/></g>"##;

pub(super) const TOPPER: &str = r##"<path d="M120 380 L220 260 H520 L420 380 Z" fill="$F" stroke="$L" stroke-width="6"/>
<path d="M120 380 H420 V440 H120 Z" fill="$T" stroke="$L" stroke-width="6"/>
<path d="M420 380 L520 260 V320 L420 440 Z" fill="$T" stroke="$L" stroke-width="6"/>
<g fill="$L" opacity=".45"><circle cx="216" cy="360" r="5"/><circle cx="266" cy="360" r="5"/><circle cx="316" cy="360" r="5"/><circle cx="366" cy="360" r="5"/><circle cx="416" cy="360" r="5"/>
<circle cx="246" cy="324" r="5"/><circle cx="296" cy="324" r="5"/><circle cx="346" cy="324" r="5"/><circle cx="396" cy="324" r="5"/><circle cx="446" cy="324" r="5"/>
<circle cx="276" cy="288" r="5"/><circle cx="326" cy="288" r="5"/><circle cx="376" cy="288" r="5"/><circle cx="426" cy="288" r="5"/><circle cx="476" cy="288" r="5"/></g>
<g fill="$L" opacity=".6"><circle cx="150" cy="410" r="6"/><circle cx="190" cy="410" r="6"/><circle cx="230" cy="410" r="6"/><circle cx="270" cy="410" r="6"/><circle cx="310" cy="410" r="6"/><circle cx="350" cy="410" r="6"/><circle cx="390" cy="410" r="6"/></g>"##;

pub(super) const WOK: &str = r##"<g transform="translate(0 60)"><path d="M404 300 L540 236" stroke="#2a2c30" stroke-width="14"/>
<path d="M470 268 L556 228" stroke="#7a5233" stroke-width="30"/>
<path d="M470 268 L556 228" stroke="#5c3d25" stroke-width="4" stroke-dasharray="2 14"/>
<path d="M132 300 Q112 280 96 296 Q110 318 132 312" fill="none" stroke="$L" stroke-width="10"/>
<path d="M120 300 H420 Q412 380 360 410 Q270 450 180 410 Q128 380 120 300 Z" fill="$F" stroke="$L" stroke-width="6"/>
<ellipse cx="270" cy="300" rx="150" ry="30" fill="#2a2c30" stroke="$L" stroke-width="6"/>
<path d="M180 300 Q230 318 300 312" fill="none" stroke="#4a4b4f" stroke-width="6"/>
<path d="M150 330 Q170 380 220 404" fill="none" stroke="#ffffff" stroke-opacity=".3" stroke-width="10"/>
<path d="M240 270 Q226 246 244 226 Q262 206 248 184 M290 266 Q276 240 294 220 Q312 198 298 176" fill="none" stroke="#c8cbd0" stroke-width="6" opacity=".8"/></g>"##;

pub(super) const KNIFE_SET: &str = r##"<g transform="rotate(-22 268 250)"><rect x="250" y="120" width="36" height="120" rx="12" fill="#2a2c30"/><circle cx="268" cy="150" r="5" fill="#c8cbd0"/><circle cx="268" cy="200" r="5" fill="#c8cbd0"/></g>
<g transform="rotate(-12 318 240)"><rect x="300" y="110" width="36" height="130" rx="12" fill="#2a2c30"/><circle cx="318" cy="140" r="5" fill="#c8cbd0"/><circle cx="318" cy="190" r="5" fill="#c8cbd0"/></g>
<g transform="rotate(-4 368 236)"><rect x="350" y="126" width="34" height="112" rx="12" fill="#2a2c30"/><circle cx="367" cy="156" r="5" fill="#c8cbd0"/><circle cx="367" cy="200" r="5" fill="#c8cbd0"/></g>
<g transform="rotate(6 412 240)"><rect x="396" y="146" width="30" height="96" rx="12" fill="#2a2c30"/><circle cx="411" cy="172" r="5" fill="#c8cbd0"/></g>
<path d="M214 250 L262 228 H440 L470 500 H250 Z" fill="$F" stroke="$L" stroke-width="6"/>
<path d="M214 250 L262 228 L250 500 L190 500 Z" fill="$T" stroke="$L" stroke-width="6"/>
<path d="M290 236 L330 230 M340 232 L378 230 M388 232 L422 234" stroke="#16181c" stroke-width="6"/>
<path d="M280 300 L300 480" stroke="#ffffff" stroke-opacity=".25" stroke-width="10"/>
<path d="M120 470 Q190 430 330 434 L330 482 Q210 488 120 470 Z" fill="#dfe2e6" stroke="#8d9096" stroke-width="4"/>
<path d="M150 466 Q220 446 320 446" fill="none" stroke="#ffffff" stroke-width="4" opacity=".7"/>
<rect x="326" y="436" width="130" height="42" rx="16" fill="#2a2c30"/>
<circle cx="360" cy="457" r="5" fill="#c8cbd0"/><circle cx="396" cy="457" r="5" fill="#c8cbd0"/><circle cx="432" cy="457" r="5" fill="#c8cbd0"/>"##;

pub(super) const CHOPPING_BOARD: &str = r##"<g transform="rotate(-8 320 330)"><path d="M150 220 Q150 196 174 196 H440 Q452 160 482 160 Q520 160 520 200 Q520 236 484 240 L490 244 V440 Q490 464 466 464 H174 Q150 464 150 440 Z" fill="$F" stroke="$L" stroke-width="6"/>
<circle cx="484" cy="200" r="14" fill="none" stroke="$L" stroke-width="6"/>
<path d="M200 198 V462 M250 198 V462 M300 198 V462 M350 198 V462 M400 198 V462 M450 244 V462" stroke="$L" stroke-width="3" opacity=".45"/>
<path d="M150 464 H490 V484 Q490 500 470 500 H170 Q150 500 150 484 Z" fill="$T" stroke="$L" stroke-width="6"/>
<circle cx="250" cy="320" r="44" fill="#e8f0d2" stroke="#5f8f3e" stroke-width="8"/><circle cx="250" cy="320" r="20" fill="none" stroke="#b9cf8f" stroke-width="5"/>
<circle cx="330" cy="370" r="40" fill="#e8f0d2" stroke="#5f8f3e" stroke-width="8"/><circle cx="330" cy="370" r="18" fill="none" stroke="#b9cf8f" stroke-width="5"/>
<path d="M360 300 Q400 240 440 290 Q420 340 360 300 Z" fill="#e07a2c" stroke="#a8561a" stroke-width="4"/>
<circle cx="410" cy="400" r="30" fill="#e0505a" stroke="#a2323a" stroke-width="5"/><path d="M410 376 V424 M386 400 H434" stroke="#f7c6c6" stroke-width="4"/></g>"##;

pub(super) const TABLEWARE: &str = r##"<circle cx="260" cy="290" r="150" fill="$F" stroke="$L" stroke-width="6"/>
<circle cx="260" cy="290" r="104" fill="$T" stroke="$L" stroke-width="4"/>
<circle cx="260" cy="290" r="136" fill="none" stroke="$L" stroke-width="3" stroke-dasharray="4 10"/>
<path d="M288 380 H532 Q526 478 410 494 Q294 478 288 380 Z" fill="$F" stroke="$L" stroke-width="6"/>
<ellipse cx="410" cy="380" rx="122" ry="24" fill="$T" stroke="$L" stroke-width="6"/>
<path d="M300 420 Q410 444 522 420" fill="none" stroke="$L" stroke-width="4" stroke-dasharray="4 10"/>
<path d="M376 494 H444 L436 508 H384 Z" fill="$T" stroke="$L" stroke-width="5"/>
<path d="M120 506 L372 448 M124 520 L378 464" stroke="#b98e5d" stroke-width="10"/>
<rect x="140" y="500" width="46" height="22" rx="8" fill="$T" stroke="$L" stroke-width="4"/>"##;

pub(super) const FLOOR_LAMP: &str = r##"<path d="M236 236 H404 L470 500 H170 Z" fill="#fff3c4" opacity=".4"/>
<path d="M320 230 V340" stroke="#2a2c30" stroke-width="8"/>
<path d="M320 330 L224 508 M320 330 L416 508" stroke="#b98e5d" stroke-width="14"/>
<path d="M320 330 L330 500" stroke="#9a744a" stroke-width="12"/>
<circle cx="320" cy="332" r="12" fill="#2a2c30"/>
<path d="M244 116 H396 L436 240 H204 Z" fill="$F" stroke="$L" stroke-width="6"/>
<path d="M230 160 H410 M220 200 H422" stroke="$L" stroke-width="3" opacity=".5"/>
<ellipse cx="320" cy="240" rx="116" ry="12" fill="#fff3c4" stroke="$L" stroke-width="5"/>"##;

pub(super) const CEILING_LIGHT: &str = r##"<rect x="90" y="106" width="460" height="20" fill="#d9d6cf"/>
<path d="M186 222 H454 L560 500 H80 Z" fill="#fff3c4" opacity=".35"/>
<path d="M146 126 H494 V168 Q494 210 452 214 H188 Q146 210 146 168 Z" fill="$F" stroke="$L" stroke-width="6"/>
<ellipse cx="320" cy="214" rx="150" ry="22" fill="#fff6d6" stroke="$L" stroke-width="5"/>
<ellipse cx="320" cy="214" rx="104" ry="12" fill="none" stroke="#f2c94c" stroke-width="6"/>
<path d="M200 144 H440" stroke="$T" stroke-width="8"/>
<path d="M320 260 V310 M230 256 L206 300 M410 256 L434 300 M160 244 L120 276 M480 244 L520 276" stroke="#e8c140" stroke-width="6"/>
<g transform="translate(320 410)"><path d="M-40 -14 Q0 -50 40 -14 M-26 2 Q0 -22 26 2" fill="none" stroke="$L" stroke-width="8"/><circle cx="0" cy="20" r="9" fill="$L"/></g>"##;

pub(super) const NIGHT_LIGHT: &str = r##"<circle cx="320" cy="310" r="176" fill="#fff3c4" opacity=".45"/>
<rect x="222" y="180" width="196" height="290" rx="70" fill="$F" stroke="$L" stroke-width="6"/>
<circle cx="320" cy="296" r="76" fill="#fff6d6" stroke="$L" stroke-width="5"/>
<path d="M338 246 A54 54 0 1 0 360 336 A44 44 0 1 1 338 246 Z" fill="#f2c94c"/>
<circle cx="320" cy="420" r="14" fill="#2a2c30" stroke="$L" stroke-width="4"/>
<g fill="#f2c94c"><path d="M164 180 l6 12 13 2 -10 9 3 13 -12 -6 -12 6 3 -13 -10 -9 13 -2 Z"/><path d="M470 140 l5 10 11 2 -8 8 2 11 -10 -5 -10 5 2 -11 -8 -8 11 -2 Z"/><path d="M488 400 l5 10 11 2 -8 8 2 11 -10 -5 -10 5 2 -11 -8 -8 11 -2 Z"/></g>"##;

pub(super) const LANTERN: &str = r##"<circle cx="320" cy="330" r="150" fill="#fff3c4" opacity=".4"/>
<path d="M250 170 Q250 96 320 96 Q390 96 390 170" fill="none" stroke="$L" stroke-width="12"/>
<rect x="236" y="164" width="168" height="48" rx="20" fill="$F" stroke="$L" stroke-width="6"/>
<rect x="252" y="208" width="136" height="214" rx="14" fill="#fff6d6" stroke="$L" stroke-width="5"/>
<rect x="296" y="250" width="48" height="120" rx="24" fill="#f2c94c"/>
<path d="M290 210 V420 M350 210 V420" stroke="$L" stroke-width="8"/>
<rect x="224" y="418" width="192" height="80" rx="22" fill="$F" stroke="$L" stroke-width="6"/>
<circle cx="320" cy="458" r="16" fill="$T" stroke="$L" stroke-width="4"/>"##;

pub(super) const CLEANSER: &str = r##"<path d="M226 130 H414 V160 L392 420 H248 L226 160 Z" fill="$F" stroke="$L" stroke-width="6"/>
<path d="M226 130 H414 V160 H226 Z" fill="$T" stroke="$L" stroke-width="5"/>
<path d="M244 134 V156 M262 134 V156 M280 134 V156 M298 134 V156 M316 134 V156 M334 134 V156 M352 134 V156 M370 134 V156 M388 134 V156" stroke="$L" stroke-width="3"/>
<rect x="262" y="232" width="116" height="120" rx="10" fill="#fbfaf7" stroke="$L" stroke-width="3"/>
<path d="M284 264 H356 M284 290 H346 M284 316 H336" stroke="$L" stroke-width="6"/>
<path d="M252 190 L262 400" stroke="#ffffff" stroke-opacity=".3" stroke-width="10"/>
<rect x="244" y="416" width="152" height="84" rx="14" fill="$T" stroke="$L" stroke-width="6"/>
<path d="M260 440 H380" stroke="$L" stroke-width="4" opacity=".5"/>
<g fill="#ffffff" stroke="#b9c6d2" stroke-width="4"><circle cx="452" cy="420" r="34"/><circle cx="486" cy="470" r="24"/><circle cx="440" cy="482" r="18"/><circle cx="478" cy="378" r="14"/></g>"##;

pub(super) const FACE_CREAM: &str = r##"<g transform="rotate(14 452 330)"><rect x="390" y="220" width="140" height="56" rx="16" fill="$T" stroke="$L" stroke-width="6"/><path d="M402 248 H518" stroke="$L" stroke-width="3" opacity=".5"/></g>
<path d="M170 330 H470 V460 Q470 500 430 500 H210 Q170 500 170 460 Z" fill="$F" stroke="$L" stroke-width="6"/>
<ellipse cx="320" cy="330" rx="150" ry="34" fill="$T" stroke="$L" stroke-width="6"/>
<ellipse cx="320" cy="332" rx="128" ry="24" fill="#fbfaf7"/>
<path d="M250 332 Q300 310 330 330 Q350 346 376 326 Q350 318 330 322" fill="none" stroke="#d9d4c7" stroke-width="6"/>
<path d="M300 318 Q320 296 344 320" fill="#fbfaf7" stroke="#d9d4c7" stroke-width="5"/>
<rect x="232" y="390" width="176" height="56" rx="8" fill="#fbfaf7" stroke="$L" stroke-width="3"/>
<path d="M254 418 H386" stroke="$L" stroke-width="6"/>
<path d="M190 370 V470" stroke="#ffffff" stroke-opacity=".3" stroke-width="10"/>"##;

pub(super) const SUNSCREEN: &str = r##"<path d="M254 136 H386 Q400 136 400 150 V196 H240 V150 Q240 136 254 136 Z" fill="$T" stroke="$L" stroke-width="6"/>
<path d="M240 176 H400" stroke="$L" stroke-width="4"/>
<path d="M240 196 H400 Q436 300 430 460 Q428 500 392 500 H248 Q212 500 210 460 Q204 300 240 196 Z" fill="$F" stroke="$L" stroke-width="6"/>
<rect x="252" y="290" width="136" height="150" rx="16" fill="#fbfaf7" stroke="$L" stroke-width="3"/>
<g stroke="#f2a83a" stroke-width="6"><path d="M320 306 V320 M320 378 V392 M276 349 H290 M350 349 H364 M290 319 L299 328 M350 319 L341 328 M290 379 L299 370 M350 379 L341 370"/></g>
<circle cx="320" cy="349" r="20" fill="#f2b53a"/>
<path d="M286 416 H354" stroke="$L" stroke-width="6"/>
<path d="M232 240 Q222 340 230 460" fill="none" stroke="#ffffff" stroke-opacity=".3" stroke-width="10"/>"##;

pub(super) const SHEET_MASK: &str = r##"<path d="M176 130 H404 V470 H176 Z" fill="$F" stroke="$L" stroke-width="6"/>
<path d="M176 130 H404 V160 H176 Z M176 440 H404 V470 H176 Z" fill="$T" stroke="$L" stroke-width="5"/>
<path d="M188 136 V154 M204 136 V154 M220 136 V154 M236 136 V154 M252 136 V154 M268 136 V154 M284 136 V154 M300 136 V154 M316 136 V154 M332 136 V154 M348 136 V154 M364 136 V154 M380 136 V154 M396 136 V154 M188 446 V464 M204 446 V464 M220 446 V464 M236 446 V464 M252 446 V464 M268 446 V464 M284 446 V464 M300 446 V464 M316 446 V464 M332 446 V464 M348 446 V464 M364 446 V464 M380 446 V464 M396 446 V464" stroke="$L" stroke-width="3"/>
<path d="M290 190 Q260 232 260 252 A30 30 0 0 0 320 252 Q320 232 290 190 Z" fill="$T" stroke="$L" stroke-width="5"/>
<path d="M226 380 H354 M246 404 H334" stroke="$L" stroke-width="6"/>
<g transform="rotate(10 410 360)"><path d="M410 220 C484 220 520 280 516 350 C512 440 460 500 410 500 C360 500 308 440 304 350 C300 280 336 220 410 220 Z" fill="#f7f5f0" stroke="#c9c3b6" stroke-width="5"/>
<ellipse cx="372" cy="330" rx="24" ry="13" fill="#d9dee3"/><ellipse cx="448" cy="330" rx="24" ry="13" fill="#d9dee3"/>
<path d="M404 360 Q400 392 410 398 Q420 392 416 360" fill="none" stroke="#c9c3b6" stroke-width="4"/>
<ellipse cx="410" cy="440" rx="30" ry="11" fill="#d9dee3"/>
<path d="M340 290 Q360 270 390 280 M430 280 Q460 270 480 290" fill="none" stroke="#e3ded3" stroke-width="4"/></g>"##;

pub(super) const FOUNDATION: &str = r##"<rect x="290" y="120" width="60" height="26" rx="6" fill="#2a2c30"/>
<path d="M346 132 H386 Q396 132 396 142" fill="none" stroke="#2a2c30" stroke-width="12"/>
<rect x="306" y="146" width="28" height="56" fill="#c8cbd0" stroke="#8d9096" stroke-width="4"/>
<rect x="276" y="196" width="88" height="46" rx="8" fill="$T" stroke="$L" stroke-width="5"/>
<rect x="224" y="240" width="192" height="260" rx="22" fill="$F" stroke="$L" stroke-width="6"/>
<rect x="246" y="262" width="148" height="214" rx="12" fill="$T" opacity=".6"/>
<rect x="266" y="336" width="108" height="84" rx="6" fill="#fbfaf7" stroke="$L" stroke-width="3"/>
<path d="M286 362 H354 M286 388 H340" stroke="$L" stroke-width="6"/>
<path d="M240 270 V470" stroke="#ffffff" stroke-opacity=".35" stroke-width="10"/>
<path d="M420 474 Q440 430 480 440 Q520 450 506 484 Q494 506 452 500 Q420 496 420 474 Z" fill="#e3b896" stroke="#b98e5d" stroke-width="4"/>"##;

pub(super) const MASCARA: &str = r##"<g transform="rotate(-30 250 330)"><rect x="220" y="150" width="62" height="270" rx="26" fill="$F" stroke="$L" stroke-width="6"/>
<rect x="216" y="404" width="70" height="24" rx="6" fill="#caa753" stroke="#9c7f35" stroke-width="4"/>
<path d="M236 180 V390" stroke="#ffffff" stroke-opacity=".3" stroke-width="9"/>
<rect x="236" y="428" width="30" height="10" fill="#c8cbd0"/></g>
<g transform="rotate(-30 420 300)"><rect x="386" y="80" width="68" height="190" rx="26" fill="$T" stroke="$L" stroke-width="6"/>
<rect x="382" y="256" width="76" height="24" rx="6" fill="#caa753" stroke="#9c7f35" stroke-width="4"/>
<path d="M420 280 V400" stroke="#2a2c30" stroke-width="8"/>
<rect x="400" y="390" width="40" height="110" rx="18" fill="#2a2c30"/>
<path d="M392 404 H448 M390 420 H450 M390 436 H450 M390 452 H450 M390 468 H450 M392 484 H448" stroke="#16181c" stroke-width="6"/></g>"##;

pub(super) const PALETTE: &str = r##"<rect x="150" y="112" width="340" height="180" rx="22" fill="$F" stroke="$L" stroke-width="6"/>
<rect x="174" y="134" width="292" height="136" rx="12" fill="#dfe6ee" stroke="$L" stroke-width="4"/>
<path d="M200 250 L260 150 M240 250 L300 150" stroke="#ffffff" stroke-width="10" opacity=".6"/>
<rect x="150" y="288" width="340" height="212" rx="22" fill="$F" stroke="$L" stroke-width="6"/>
<rect x="168" y="306" width="304" height="176" rx="12" fill="$T" stroke="$L" stroke-width="4"/>
<g stroke="$L" stroke-width="3"><rect x="182" y="320" width="82" height="68" rx="10" fill="#efd3bf"/><rect x="279" y="320" width="82" height="68" rx="10" fill="#d49a78"/><rect x="376" y="320" width="82" height="68" rx="10" fill="#9a6148"/><rect x="182" y="400" width="82" height="68" rx="10" fill="#e5b3b8"/><rect x="279" y="400" width="82" height="68" rx="10" fill="#b06f83"/><rect x="376" y="400" width="82" height="68" rx="10" fill="#5e3b4e"/></g>
<path d="M200 288 H440" stroke="$L" stroke-width="6"/>"##;

pub(super) const POWDER: &str = r##"<path d="M160 330 H480 V450 Q480 500 430 500 H210 Q160 500 160 450 Z" fill="$F" stroke="$L" stroke-width="6"/>
<ellipse cx="320" cy="330" rx="160" ry="40" fill="$T" stroke="$L" stroke-width="6"/>
<ellipse cx="320" cy="330" rx="136" ry="30" fill="#f1e2cf" stroke="$L" stroke-width="3"/>
<g fill="#c9b49a"><circle cx="260" cy="322" r="4"/><circle cx="290" cy="316" r="4"/><circle cx="320" cy="314" r="4"/><circle cx="350" cy="316" r="4"/><circle cx="380" cy="322" r="4"/><circle cx="276" cy="340" r="4"/><circle cx="306" cy="344" r="4"/><circle cx="336" cy="344" r="4"/><circle cx="366" cy="340" r="4"/></g>
<path d="M180 370 V470" stroke="#ffffff" stroke-opacity=".3" stroke-width="10"/>
<g transform="rotate(-16 380 230)"><ellipse cx="380" cy="250" rx="120" ry="40" fill="#f3dcd6" stroke="#c9a49b" stroke-width="5"/><ellipse cx="380" cy="232" rx="120" ry="38" fill="#fbece8" stroke="#c9a49b" stroke-width="5"/><path d="M320 226 Q380 190 440 226" fill="none" stroke="$F" stroke-width="14"/><path d="M320 226 Q380 190 440 226" fill="none" stroke="$L" stroke-width="3"/></g>"##;

pub(super) const CANDLE: &str = r##"<circle cx="320" cy="196" r="70" fill="#fff3c4" opacity=".5"/>
<path d="M320 150 Q296 190 304 214 Q312 232 320 232 Q328 232 336 214 Q344 190 320 150 Z" fill="#f2a83a"/>
<path d="M320 180 Q308 204 312 218 Q316 226 320 226 Q324 226 328 218 Q332 204 320 180 Z" fill="#fff3c4"/>
<path d="M320 230 V262" stroke="#2a2c30" stroke-width="5"/>
<path d="M186 270 H454 L446 478 Q444 500 420 500 H220 Q196 500 194 478 Z" fill="$F" stroke="$L" stroke-width="6"/>
<ellipse cx="320" cy="270" rx="134" ry="24" fill="#f6f1e4" stroke="$L" stroke-width="6"/>
<ellipse cx="320" cy="272" rx="30" ry="7" fill="#e3dccb"/>
<rect x="226" y="344" width="188" height="96" rx="8" fill="#fbfaf7" stroke="$L" stroke-width="3"/>
<path d="M320 366 Q300 388 320 414 Q340 388 320 366 Z" fill="#6b7142"/>
<path d="M214 300 L222 470" stroke="#ffffff" stroke-opacity=".3" stroke-width="10"/>"##;

pub(super) const CAR_DIFFUSER: &str = r##"<rect x="120" y="200" width="400" height="250" rx="26" fill="#3a3b3f"/>
<path d="M140 246 H500 M140 292 H500 M140 338 H500 M140 384 H500 M140 424 H500" stroke="#5d5e63" stroke-width="14"/>
<rect x="306" y="300" width="28" height="50" fill="#8d9096"/>
<circle cx="320" cy="326" r="106" fill="$F" stroke="$L" stroke-width="6"/>
<circle cx="320" cy="326" r="80" fill="$T" stroke="$L" stroke-width="4"/>
<circle cx="320" cy="326" r="80" fill="none" stroke="#c9a94f" stroke-width="6" stroke-dasharray="2 14"/>
<path d="M320 280 Q284 320 320 372 Q356 320 320 280 Z M320 290 V364" fill="#7aa35a" stroke="#4c6e36" stroke-width="4"/>
<path d="M250 170 Q236 150 250 130 Q264 110 250 90 M320 170 Q306 150 320 130 Q334 110 320 90 M390 170 Q376 150 390 130 Q404 110 390 90" fill="none" stroke="#9a9ba0" stroke-width="6" opacity=".8"/>"##;

pub(super) const TIGHTS: &str = r##"<path d="M218 170 H422 L440 500 H350 L324 272 H316 L290 500 H200 Z" fill="$F" stroke="$L" stroke-width="6"/>
<rect x="212" y="134" width="216" height="42" rx="10" fill="$T" stroke="$L" stroke-width="6"/>
<path d="M312 176 Q320 236 320 272" fill="none" stroke="$L" stroke-width="4"/>
<path d="M226 230 L212 490 M414 230 L428 490" stroke="#e9ecef" stroke-width="8" stroke-dasharray="18 12" opacity=".9"/>
<path d="M258 300 Q280 330 300 320 M382 300 Q360 330 340 320 M236 420 Q262 440 286 430 M404 420 Q378 440 354 430" fill="none" stroke="$L" stroke-width="4"/>
<path d="M204 470 H290 M350 470 H438" stroke="$L" stroke-width="4" stroke-dasharray="9 7"/>"##;

pub(super) const WATER_BOTTLE: &str = r##"<path d="M292 118 H348 V150 H292 Z" fill="#2a2c30"/>
<path d="M300 118 Q300 96 320 96 Q340 96 340 118" fill="none" stroke="#2a2c30" stroke-width="10"/>
<path d="M346 136 Q400 140 398 186 Q396 214 370 216" fill="none" stroke="$L" stroke-width="10"/>
<rect x="262" y="146" width="116" height="70" rx="16" fill="$T" stroke="$L" stroke-width="6"/>
<path d="M272 168 H368 M272 190 H368" stroke="$L" stroke-width="3" opacity=".6"/>
<path d="M248 226 Q248 212 262 212 H378 Q392 212 392 226 V300 Q376 330 392 360 V476 Q392 500 368 500 H272 Q248 500 248 476 V360 Q264 330 248 300 Z" fill="$F" stroke="$L" stroke-width="6"/>
<path d="M266 240 V292 M266 372 V470" stroke="#ffffff" stroke-opacity=".35" stroke-width="10"/>
<path d="M360 380 H380 M366 410 H380 M360 440 H380 M366 470 H380" stroke="$L" stroke-width="4"/>"##;

pub(super) const ARMBAND: &str = r##"<path d="M130 330 Q320 240 510 330" fill="none" stroke="$L" stroke-width="54"/>
<path d="M130 330 Q320 240 510 330" fill="none" stroke="$T" stroke-width="42"/>
<path d="M130 330 Q320 420 510 330" fill="none" stroke="$L" stroke-width="54"/>
<path d="M130 330 Q320 420 510 330" fill="none" stroke="$F" stroke-width="42"/>
<path d="M150 350 Q230 392 270 398 M370 398 Q420 392 490 350" fill="none" stroke="#e9ecef" stroke-width="6" stroke-dasharray="14 10"/>
<rect x="236" y="160" width="168" height="300" rx="28" fill="$F" stroke="$L" stroke-width="6"/>
<rect x="254" y="180" width="132" height="232" rx="14" fill="#9ec3e6" stroke="$L" stroke-width="4"/>
<path d="M262 190 L300 190 L262 250 Z" fill="#ffffff" opacity=".4"/>
<rect x="296" y="424" width="48" height="14" rx="7" fill="$L"/>"##;

pub(super) const HEADBAND: &str = r##"<path d="M130 290 A190 80 0 0 1 510 290 V352 A190 80 0 0 0 130 352 Z" fill="$T" stroke="$L" stroke-width="6"/>
<path d="M130 290 A190 80 0 0 0 510 290 V352 A190 80 0 0 1 130 352 Z" fill="$F" stroke="$L" stroke-width="6"/>
<path d="M140 306 A180 74 0 0 0 500 306 M140 336 A180 74 0 0 0 500 336" fill="none" stroke="$L" stroke-width="3" opacity=".5"/>
<rect x="282" y="380" width="76" height="34" rx="8" fill="#fbfaf7" stroke="$L" stroke-width="3"/>
<path d="M298 397 Q320 384 342 397" fill="none" stroke="$L" stroke-width="5"/>
<path d="M180 254 Q320 200 460 254" fill="none" stroke="$L" stroke-width="3" opacity=".4"/>"##;

pub(super) const SLEEPING_BAG: &str = r##"<defs><clipPath id="bag"><path d="M320 110 Q430 110 440 220 L420 470 Q410 510 320 510 Q230 510 220 470 L200 220 Q210 110 320 110 Z"/></clipPath></defs>
<path d="M320 110 Q430 110 440 220 L420 470 Q410 510 320 510 Q230 510 220 470 L200 220 Q210 110 320 110 Z" fill="$F" stroke="$L" stroke-width="6"/>
<g clip-path="url(#bag)" fill="none" stroke="$L" stroke-width="5"><path d="M160 286 Q320 304 480 286 M160 336 Q320 354 480 336 M160 386 Q320 404 480 386 M160 436 Q320 454 480 436"/></g>
<ellipse cx="320" cy="190" rx="80" ry="56" fill="$T" stroke="$L" stroke-width="6"/>
<ellipse cx="320" cy="196" rx="54" ry="36" fill="#2a2c30" opacity=".35"/>
<path d="M390 226 L372 500" stroke="#c8cbd0" stroke-width="6"/>
<rect x="382" y="236" width="14" height="30" rx="4" fill="#c8cbd0" stroke="#8d9096" stroke-width="3"/>"##;

pub(super) const CAMP_CHAIR: &str = r##"<path d="M196 140 V500 M444 140 V500" stroke="#5c5e63" stroke-width="14"/>
<path d="M196 340 L444 500 M444 340 L196 500" stroke="#5c5e63" stroke-width="12"/>
<path d="M196 146 Q320 166 444 146 L438 330 Q320 350 202 330 Z" fill="$F" stroke="$L" stroke-width="6"/>
<path d="M210 200 Q320 216 430 200 M206 270 Q320 286 434 270" fill="none" stroke="$L" stroke-width="3" opacity=".5"/>
<path d="M196 330 Q320 350 444 330 L436 370 Q320 410 204 370 Z" fill="$T" stroke="$L" stroke-width="6"/>
<rect x="140" y="290" width="72" height="28" rx="10" fill="$F" stroke="$L" stroke-width="5"/>
<rect x="428" y="290" width="72" height="28" rx="10" fill="$F" stroke="$L" stroke-width="5"/>
<path d="M472 318 V350 Q472 364 486 364 Q500 364 500 350 V318" fill="$T" stroke="$L" stroke-width="4"/>
<circle cx="486" cy="304" r="12" fill="#2a2c30"/>"##;

pub(super) const GAS_STOVE: &str = r##"<path d="M150 300 L190 262 H530 L490 300 Z" fill="#c8cbd0" stroke="#8d9096" stroke-width="5"/>
<ellipse cx="320" cy="282" rx="78" ry="16" fill="#2a2c30"/>
<g fill="#5aa9e6"><path d="M262 280 Q256 262 266 248 Q272 266 270 280 Z"/><path d="M292 274 Q286 254 298 240 Q302 260 300 274 Z"/><path d="M324 272 Q318 252 330 238 Q334 258 332 272 Z"/><path d="M356 274 Q350 254 362 240 Q366 260 364 274 Z"/><path d="M386 280 Q380 262 390 248 Q396 266 394 280 Z"/></g>
<path d="M230 286 V262 H250 M410 286 V262 H390 M280 296 V276 M360 296 V276" fill="none" stroke="#2a2c30" stroke-width="8"/>
<path d="M490 300 L530 262 V420 L490 460 Z" fill="$T" stroke="$L" stroke-width="6"/>
<rect x="130" y="300" width="360" height="160" rx="14" fill="$F" stroke="$L" stroke-width="6"/>
<path d="M396 300 V460" stroke="$L" stroke-width="5"/>
<rect x="410" y="330" width="60" height="12" rx="6" fill="$L"/>
<circle cx="230" cy="390" r="32" fill="#2a2c30" stroke="$L" stroke-width="5"/>
<rect x="224" y="362" width="12" height="30" rx="4" fill="#c8cbd0"/>
<path d="M290 380 H360 M290 404 H344" stroke="$L" stroke-width="6"/>
<rect x="136" y="460" width="60" height="14" rx="4" fill="#2a2c30"/><rect x="424" y="460" width="60" height="14" rx="4" fill="#2a2c30"/>"##;

pub(super) const COOL_BOX: &str = r##"<path d="M230 218 Q230 150 320 150 Q410 150 410 218" fill="none" stroke="#2a2c30" stroke-width="18"/>
<rect x="160" y="260" width="320" height="230" rx="22" fill="$F" stroke="$L" stroke-width="6"/>
<rect x="148" y="212" width="344" height="64" rx="18" fill="#f3f2ee" stroke="#b9b5ac" stroke-width="6"/>
<rect x="176" y="284" width="24" height="56" rx="6" fill="#f3f2ee" stroke="#b9b5ac" stroke-width="4"/><rect x="440" y="284" width="24" height="56" rx="6" fill="#f3f2ee" stroke="#b9b5ac" stroke-width="4"/>
<g fill="none" stroke="$L" stroke-width="16"><path d="M320 336 V444 M274 363 L366 417 M274 417 L366 363 M306 346 L320 358 L334 346 M306 434 L320 422 L334 434"/></g>
<g fill="none" stroke="#f3f2ee" stroke-width="8"><path d="M320 336 V444 M274 363 L366 417 M274 417 L366 363 M306 346 L320 358 L334 346 M306 434 L320 422 L334 434"/></g>
<path d="M180 470 H460" stroke="$L" stroke-width="4" opacity=".5"/>
<circle cx="450" cy="462" r="10" fill="#2a2c30"/>"##;

pub(super) const RESISTANCE_BANDS: &str = r##"<path d="M196 250 C190 520 450 520 444 250" fill="none" stroke="$L" stroke-width="26"/>
<path d="M196 250 C190 520 450 520 444 250" fill="none" stroke="$F" stroke-width="16"/>
<path d="M210 250 C214 440 426 440 430 250" fill="none" stroke="$L" stroke-width="22"/>
<path d="M210 250 C214 440 426 440 430 250" fill="none" stroke="$T" stroke-width="12"/>
<g><path d="M160 190 Q160 130 203 130 Q246 130 246 190" fill="none" stroke="$L" stroke-width="14"/><rect x="150" y="180" width="106" height="50" rx="24" fill="#2a2c30" stroke="$L" stroke-width="4"/><path d="M174 186 V224 M194 186 V224 M214 186 V224 M234 186 V224" stroke="#4a4b4f" stroke-width="4"/><rect x="190" y="228" width="26" height="30" rx="6" fill="#c8cbd0" stroke="#8d9096" stroke-width="3"/></g>
<path d="M394 190 Q394 130 437 130 Q480 130 480 190" fill="none" stroke="$L" stroke-width="14"/><rect x="384" y="180" width="106" height="50" rx="24" fill="#2a2c30" stroke="$L" stroke-width="4"/><path d="M408 186 V224 M428 186 V224 M448 186 V224 M468 186 V224" stroke="#4a4b4f" stroke-width="4"/><rect x="424" y="228" width="26" height="30" rx="6" fill="#c8cbd0" stroke="#8d9096" stroke-width="3"/>"##;

pub(super) const DUMBBELL: &str = r##"<g transform="translate(0 24)"><rect x="190" y="306" width="260" height="24" rx="8" fill="#c8cbd0" stroke="#8d9096" stroke-width="4"/>
<rect x="270" y="302" width="100" height="32" rx="10" fill="#6b6e74"/>
<path d="M280 304 V332 M292 304 V332 M304 304 V332 M316 304 V332 M328 304 V332 M340 304 V332 M352 304 V332 M364 304 V332" stroke="#4a4b4f" stroke-width="3"/>
<g fill="$F" stroke="$L" stroke-width="5"><rect x="140" y="206" width="38" height="224" rx="12"/><rect x="180" y="226" width="34" height="184" rx="10"/><rect x="216" y="246" width="30" height="144" rx="10"/>
<rect x="462" y="206" width="38" height="224" rx="12"/><rect x="426" y="226" width="34" height="184" rx="10"/><rect x="394" y="246" width="30" height="144" rx="10"/></g>
<rect x="246" y="296" width="16" height="44" rx="4" fill="$T" stroke="$L" stroke-width="4"/><rect x="378" y="296" width="16" height="44" rx="4" fill="$T" stroke="$L" stroke-width="4"/></g>
<path d="M120 416 H520 V484 Q520 502 502 502 H138 Q120 502 120 484 Z" fill="#3a3b3f" stroke="#242528" stroke-width="5"/>
<path d="M140 432 H500" stroke="#5d5e63" stroke-width="6"/>
<rect x="280" y="448" width="80" height="34" rx="6" fill="#242528"/><path d="M292 465 H348" stroke="#e8c140" stroke-width="6"/>"##;

pub(super) const FOAM_ROLLER: &str = r##"<defs><clipPath id="roller"><path d="M220 170 V470 A100 32 0 0 0 420 470 V170 Z"/></clipPath></defs>
<path d="M220 170 V470 A100 32 0 0 0 420 470 V170 Z" fill="$F" stroke="$L" stroke-width="6"/>
<g clip-path="url(#roller)" fill="$T" stroke="$L" stroke-width="3"><rect x="230" y="214" width="40" height="40" rx="10"/><rect x="300" y="214" width="40" height="40" rx="10"/><rect x="370" y="214" width="40" height="40" rx="10"/><rect x="265" y="274" width="40" height="40" rx="10"/><rect x="335" y="274" width="40" height="40" rx="10"/><rect x="230" y="334" width="40" height="40" rx="10"/><rect x="300" y="334" width="40" height="40" rx="10"/><rect x="370" y="334" width="40" height="40" rx="10"/><rect x="265" y="394" width="40" height="40" rx="10"/><rect x="335" y="394" width="40" height="40" rx="10"/><rect x="230" y="454" width="40" height="40" rx="10"/><rect x="300" y="454" width="40" height="40" rx="10"/><rect x="370" y="454" width="40" height="40" rx="10"/><rect x="195" y="274" width="40" height="40" rx="10"/><rect x="405" y="274" width="40" height="40" rx="10"/><rect x="195" y="394" width="40" height="40" rx="10"/><rect x="405" y="394" width="40" height="40" rx="10"/></g>
<ellipse cx="320" cy="170" rx="100" ry="32" fill="$T" stroke="$L" stroke-width="6"/>
<ellipse cx="320" cy="170" rx="44" ry="14" fill="#2a2c30" stroke="$L" stroke-width="4"/>"##;

pub(super) const SKIPPING_ROPE: &str = r##"<path d="M226 340 C150 120 260 70 320 80 C400 92 500 140 414 340" fill="none" stroke="$L" stroke-width="10"/>
<path d="M226 340 C150 120 260 70 320 80 C400 92 500 140 414 340" fill="none" stroke="#f3f2ee" stroke-width="4" stroke-dasharray="10 10"/>
<g transform="rotate(16 220 420)"><rect x="200" y="326" width="40" height="20" rx="6" fill="#c8cbd0" stroke="#8d9096" stroke-width="3"/><rect x="194" y="344" width="52" height="166" rx="24" fill="$F" stroke="$L" stroke-width="6"/><path d="M196 390 H244 M196 420 H244 M196 450 H244" stroke="$T" stroke-width="8"/></g>
<g transform="rotate(-16 420 420)"><rect x="400" y="326" width="40" height="20" rx="6" fill="#c8cbd0" stroke="#8d9096" stroke-width="3"/><rect x="394" y="344" width="52" height="166" rx="24" fill="$F" stroke="$L" stroke-width="6"/><path d="M396 390 H444 M396 420 H444 M396 450 H444" stroke="$T" stroke-width="8"/></g>"##;

pub(super) const TEA_CAKE: &str = r##"<path d="M130 330 V370 A190 100 0 0 0 510 370 V330 Z" fill="$T" stroke="$L" stroke-width="6"/>
<ellipse cx="320" cy="330" rx="190" ry="100" fill="$F" stroke="$L" stroke-width="6"/>
<g stroke="$L" stroke-width="3" opacity=".5"><path d="M320 330 L320 232 M320 330 L420 250 M320 330 L490 300 M320 330 L490 370 M320 330 L410 420 M320 330 L230 420 M320 330 L150 370 M320 330 L150 300 M320 330 L220 250"/></g>
<ellipse cx="320" cy="330" rx="38" ry="20" fill="$T" stroke="$L" stroke-width="4"/>
<rect x="360" y="256" width="52" height="52" rx="4" fill="#b3263a" transform="rotate(-8 386 282)"/>
<path d="M372 272 H400 M372 284 H400 M372 296 H400 M386 266 V302" stroke="#f3d2d2" stroke-width="3" transform="rotate(-8 386 282)"/>
<rect x="200" y="340" width="110" height="40" rx="6" fill="#fbfaf7" stroke="$L" stroke-width="3" transform="rotate(6 255 360)"/>
<path d="M216 356 H292 M216 368 H272" stroke="$L" stroke-width="4" transform="rotate(6 255 360)"/>
<g fill="#5a3d22" stroke="#3a2616" stroke-width="2"><path d="M150 470 Q176 456 200 468 Q176 482 150 470 Z"/><path d="M470 476 Q496 458 520 474 Q494 488 470 476 Z"/><path d="M430 496 Q452 484 474 494 Q452 506 430 496 Z"/></g>"##;

pub(super) const COLD_BREW: &str = r##"<rect x="270" y="110" width="100" height="50" rx="10" fill="$F" stroke="$L" stroke-width="6"/>
<path d="M282 118 V152 M298 118 V152 M314 118 V152 M330 118 V152 M346 118 V152 M362 118 V152" stroke="$L" stroke-width="3" opacity=".6"/>
<path d="M284 160 H356 V200 Q420 230 420 300 V470 Q420 500 390 500 H250 Q220 500 220 470 V300 Q220 230 284 200 Z" fill="#e9e4dc" stroke="#8d9096" stroke-width="6"/>
<path d="M232 290 Q240 250 290 224 H350 Q400 250 408 290 V470 Q408 488 390 488 H250 Q232 488 232 470 Z" fill="#3b2418"/>
<rect x="220" y="320" width="200" height="126" fill="$F" stroke="$L" stroke-width="5"/>
<g transform="rotate(25 320 383)"><ellipse cx="320" cy="383" rx="26" ry="38" fill="#6b4226" stroke="#3f2616" stroke-width="3"/><path d="M320 347 Q306 383 320 419" fill="none" stroke="#3f2616" stroke-width="5"/></g>
<path d="M244 300 V470" stroke="#ffffff" stroke-opacity=".3" stroke-width="10"/>
<g fill="#e6f1f8" stroke="#9ec3e6" stroke-width="4" opacity=".95"><rect x="440" y="440" width="54" height="54" rx="10" transform="rotate(12 467 467)"/><rect x="150" y="454" width="46" height="46" rx="9" transform="rotate(-10 173 477)"/></g>"##;

pub(super) const DRIP_BAG: &str = r##"<path d="M320 150 Q300 118 316 96 M350 150 Q330 118 346 96" fill="none" stroke="#9a9ba0" stroke-width="6" opacity=".7"/>
<path d="M430 330 Q500 330 500 390 Q500 450 420 452" fill="none" stroke="$L" stroke-width="30"/>
<path d="M430 330 Q500 330 500 390 Q500 450 420 452" fill="none" stroke="$F" stroke-width="18"/>
<path d="M190 290 H450 L430 470 Q424 500 394 500 H246 Q216 500 210 470 Z" fill="$F" stroke="$L" stroke-width="6"/>
<ellipse cx="320" cy="290" rx="130" ry="24" fill="#3b2418" stroke="$L" stroke-width="6"/>
<path d="M240 170 H400 V300 Q320 330 240 300 Z" fill="#efe4cc" stroke="#b59f73" stroke-width="5"/>
<path d="M240 250 L196 292 M400 250 L444 292" stroke="#efe4cc" stroke-width="14"/>
<path d="M240 250 L196 292 M400 250 L444 292" stroke="#b59f73" stroke-width="3"/>
<path d="M240 196 H400" stroke="#b59f73" stroke-width="4" stroke-dasharray="6 6"/>
<path d="M276 236 Q320 214 364 236" fill="none" stroke="#b59f73" stroke-width="5"/>
<path d="M214 330 L226 460" stroke="#ffffff" stroke-opacity=".25" stroke-width="12"/>"##;

pub(super) const INSTANT_JAR: &str = r##"<rect x="212" y="164" width="216" height="62" rx="14" fill="$F" stroke="$L" stroke-width="6"/>
<path d="M228 172 V218 M248 172 V218 M268 172 V218 M288 172 V218 M308 172 V218 M328 172 V218 M348 172 V218 M368 172 V218 M388 172 V218 M408 172 V218" stroke="$L" stroke-width="3" opacity=".6"/>
<rect x="222" y="222" width="196" height="278" rx="30" fill="#e9e4dc" stroke="#8d9096" stroke-width="6"/>
<path d="M234 300 Q320 284 406 300 V470 Q406 488 388 488 H252 Q234 488 234 470 Z" fill="#5a3a22"/>
<g fill="#8a5a36"><rect x="250" y="306" width="10" height="10" transform="rotate(20 255 311)"/><rect x="290" y="312" width="10" height="10" transform="rotate(40 295 317)"/><rect x="352" y="304" width="10" height="10" transform="rotate(10 357 309)"/><rect x="384" y="312" width="10" height="10" transform="rotate(30 389 317)"/></g>
<rect x="222" y="340" width="196" height="110" fill="$F" stroke="$L" stroke-width="5"/>
<path d="M262 372 Q320 350 378 372 V392 Q378 428 320 430 Q262 428 262 392 Z" fill="#fbfaf7" stroke="$L" stroke-width="3"/>
<path d="M378 378 Q400 378 398 398 Q396 412 374 410" fill="none" stroke="#fbfaf7" stroke-width="6"/>
<path d="M236 240 V330" stroke="#ffffff" stroke-opacity=".5" stroke-width="10"/>
<g fill="#6b4226" stroke="#3f2616" stroke-width="2"><rect x="150" y="480" width="16" height="16" transform="rotate(20 158 488)"/><rect x="176" y="492" width="12" height="12" transform="rotate(50 182 498)"/><rect x="460" y="484" width="14" height="14" transform="rotate(35 467 491)"/></g>"##;

pub(super) const KETTLE: &str = r##"<path d="M234 404 C170 396 150 320 118 240 L104 226" fill="none" stroke="$L" stroke-width="26"/>
<path d="M234 404 C170 396 150 320 118 240 L104 226" fill="none" stroke="$F" stroke-width="14"/>
<path d="M420 290 Q500 280 500 360 Q500 440 424 450" fill="none" stroke="#2a2c30" stroke-width="24"/>
<path d="M210 500 Q196 330 262 270 H378 Q444 330 430 500 Z" fill="$F" stroke="$L" stroke-width="6"/>
<path d="M252 270 Q320 236 388 270 Z" fill="$T" stroke="$L" stroke-width="6"/>
<rect x="300" y="222" width="40" height="30" rx="12" fill="#2a2c30"/>
<path d="M244 330 Q226 400 234 470" fill="none" stroke="#ffffff" stroke-opacity=".35" stroke-width="12"/>
<path d="M206 486 H434" stroke="$L" stroke-width="5"/>"##;

pub(super) const NOUGAT: &str = r##"<g transform="rotate(-14 300 260)"><path d="M150 214 L206 236 V292 L150 314 Q164 264 150 214 Z M450 214 L394 236 V292 L450 314 Q436 264 450 214 Z" fill="$T" stroke="$L" stroke-width="5"/>
<rect x="200" y="220" width="200" height="88" rx="18" fill="$F" stroke="$L" stroke-width="6"/>
<path d="M166 236 L196 252 M166 292 L196 276 M434 236 L404 252 M434 292 L404 276" stroke="$L" stroke-width="3"/>
<rect x="244" y="244" width="112" height="40" rx="8" fill="#fbfaf7" stroke="$L" stroke-width="3"/><path d="M262 264 H338" stroke="$L" stroke-width="5"/></g>
<path d="M170 430 L220 404 V446 L170 470 Q178 450 170 430 Z M390 430 L340 404 V446 L390 470 Q382 450 390 430 Z" fill="$T" stroke="$L" stroke-width="5"/>
<rect x="214" y="396" width="132" height="60" rx="14" fill="$F" stroke="$L" stroke-width="5"/>
<path d="M380 360 L500 340 L520 440 L400 462 Z" fill="#f6f1e4" stroke="#cfc6b0" stroke-width="5"/>
<path d="M400 462 L520 440 L524 460 L404 482 Z" fill="#e6dcc4" stroke="#cfc6b0" stroke-width="4"/>
<g fill="#c49a63" stroke="#8a6a40" stroke-width="2"><ellipse cx="420" cy="390" rx="12" ry="8"/><ellipse cx="470" cy="376" rx="12" ry="8" transform="rotate(30 470 376)"/><ellipse cx="448" cy="424" rx="12" ry="8" transform="rotate(-20 448 424)"/><ellipse cx="494" cy="416" rx="11" ry="7"/></g>
<g fill="#b3263a"><circle cx="440" cy="398" r="6"/><circle cx="486" cy="396" r="5"/><circle cx="420" cy="436" r="5"/></g>"##;

pub(super) const JERKY: &str = r##"<path d="M196 140 H444 V470 Q444 500 414 500 H226 Q196 500 196 470 Z" fill="$F" stroke="$L" stroke-width="6"/>
<path d="M196 186 H444" stroke="$L" stroke-width="8"/><path d="M196 200 H444" stroke="$L" stroke-width="3"/>
<rect x="236" y="232" width="168" height="156" rx="26" fill="#f5efe3" stroke="$L" stroke-width="4"/>
<g stroke="#4a2414" stroke-width="3"><path d="M252 262 Q300 246 356 262 L362 286 Q304 272 254 288 Z" fill="#8a3b22"/><path d="M262 306 Q320 292 390 312 L386 334 Q322 318 264 330 Z" fill="#7a3320"/><path d="M250 348 Q300 336 346 352 L344 372 Q300 360 254 370 Z" fill="#943f25"/></g>
<g fill="#e0a030"><circle cx="290" cy="270" r="3"/><circle cx="330" cy="316" r="3"/><circle cx="300" cy="356" r="3"/><circle cx="362" cy="320" r="3"/></g>
<path d="M236 420 H404" stroke="$L" stroke-width="6"/>
<g transform="rotate(-30 470 450)"><path d="M420 440 Q470 410 520 440 Q500 470 460 470 Q430 466 420 440 Z" fill="#c62f2f" stroke="#8e1f1f" stroke-width="4"/><path d="M520 440 Q530 430 536 416" fill="none" stroke="#3f8a4e" stroke-width="7"/><path d="M444 432 Q470 422 496 430" fill="none" stroke="#f29b9b" stroke-width="4"/></g>"##;

pub(super) const STRAWBERRY: &str = r##"<rect x="200" y="150" width="240" height="66" rx="16" fill="$T" stroke="$L" stroke-width="6"/>
<path d="M216 172 H424" stroke="$L" stroke-width="3" opacity=".6"/>
<rect x="212" y="212" width="216" height="280" rx="28" fill="$F" stroke="$L" stroke-width="6"/>
<rect x="236" y="270" width="168" height="170" rx="16" fill="#fbfaf7" stroke="$L" stroke-width="3"/>
<path d="M320 410 Q256 360 268 318 Q280 292 320 304 Q360 292 372 318 Q384 360 320 410 Z" fill="#d23a44" stroke="#9c2530" stroke-width="4"/>
<path d="M290 304 Q304 284 320 300 Q336 284 350 304 Q336 296 320 310 Q304 296 290 304 Z" fill="#3f8a4e"/>
<g fill="#f5e3a0"><circle cx="300" cy="332" r="3"/><circle cx="340" cy="332" r="3"/><circle cx="320" cy="350" r="3"/><circle cx="296" cy="360" r="3"/><circle cx="344" cy="360" r="3"/><circle cx="320" cy="380" r="3"/></g>
<g transform="translate(150 470) rotate(-10)"><ellipse cx="0" cy="0" rx="36" ry="26" fill="#e86a74" stroke="#b23a46" stroke-width="4"/><ellipse cx="0" cy="0" rx="22" ry="14" fill="#f7d0d3"/></g>
<g transform="translate(490 478) rotate(14)"><ellipse cx="0" cy="0" rx="34" ry="24" fill="#e86a74" stroke="#b23a46" stroke-width="4"/><ellipse cx="0" cy="0" rx="20" ry="13" fill="#f7d0d3"/></g>"##;

pub(super) const SEAWEED: &str = r##"<path d="M140 350 L200 300 H500 L440 350 Z" fill="$T" stroke="$L" stroke-width="6"/>
<g stroke="#1f2e1c" stroke-width="3"><path d="M214 320 L250 284 H330 L294 320 Z" fill="#2f4a2e"/><path d="M214 320 H294 V332 H214 Z" fill="#d9b77a"/><path d="M214 332 H294 V342 H214 Z" fill="#2f4a2e"/>
<path d="M304 320 L340 284 H420 L384 320 Z" fill="#2f4a2e"/><path d="M304 320 H384 V332 H304 Z" fill="#d9b77a"/><path d="M304 332 H384 V342 H304 Z" fill="#2f4a2e"/></g>
<path d="M140 350 H440 V480 Q440 500 420 500 H160 Q140 500 140 480 Z" fill="$F" stroke="$L" stroke-width="6"/>
<path d="M440 350 L500 300 V430 L440 500 Z" fill="$T" stroke="$L" stroke-width="6"/>
<rect x="190" y="380" width="200" height="90" rx="12" fill="#fbfaf7" stroke="$L" stroke-width="3"/>
<path d="M214 400 H366" stroke="$L" stroke-width="5"/>
<g transform="translate(290 440)"><path d="M-44 -10 H44 V4 H-44 Z" fill="#2f4a2e" stroke="#1f2e1c" stroke-width="2"/><path d="M-44 4 H44 V14 H-44 Z" fill="#d9b77a" stroke="#1f2e1c" stroke-width="2"/><path d="M-44 14 H44 V24 H-44 Z" fill="#2f4a2e" stroke="#1f2e1c" stroke-width="2"/></g>
<g fill="#f3ead2"><circle cx="250" cy="304" r="3"/><circle cx="276" cy="296" r="3"/><circle cx="350" cy="300" r="3"/><circle cx="384" cy="294" r="3"/><circle cx="232" cy="327" r="2.5"/><circle cx="340" cy="327" r="2.5"/></g>"##;

/// For a category with no drawing of its own and no known department.
pub(super) const PICTURE_FRAME: &str = r##"<rect x="170" y="190" width="300" height="260" rx="24" fill="$T" stroke="$L" stroke-width="10"/>
<circle cx="250" cy="268" r="26" fill="$L"/>
<path d="M190 430 L290 330 L350 390 L400 340 L450 430 Z" fill="$L"/>"##;

/// The keyboard's keys are laid out in code rather than by hand.
pub(super) fn keyboard() -> String {
    let mut keys = String::new();
    for row in 0..4 {
        for col in 0..11 {
            let (x, y) = (136 + col * 34, 262 + row * 34);
            keys.push_str(&format!(
                r#"<rect x="{x}" y="{y}" width="28" height="28" rx="5"/>"#
            ));
        }
    }
    format!(
        r##"<path d="M320 248 Q320 196 362 172" fill="none" stroke="#6b6e74" stroke-width="6"/>
<rect x="110" y="245" width="420" height="200" rx="22" fill="$F" stroke="$L" stroke-width="6"/>
<g fill="$T" stroke="$L" stroke-width="2">{keys}<rect x="136" y="398" width="62" height="28" rx="5"/><rect x="204" y="398" width="232" height="28" rx="5"/><rect x="442" y="398" width="62" height="28" rx="5"/></g>"##
    )
}
