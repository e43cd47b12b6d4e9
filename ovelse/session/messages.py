"""The session's error and notice codes and their texts (bokmål msgids; nynorsk in po/nn/session.po).

Each code maps to (message, hint); the templates use the parameters the raising code passes. Registered
with :func:`ovelse.errors.register_messages` when :mod:`ovelse.session.errors` is imported.
"""

from __future__ import annotations

from ovelse.errors import register_messages
from ovelse.i18n import N_

MESSAGES: dict[str, tuple[str, str]] = {
    # -- the engine ------------------------------------------------------------------------------
    "session.error": (N_("Noe gikk galt i øvingsjournalen."), ""),
    "session.scenario_errors": (
        N_("Scenarioet «{name}» har feil og kan ikke kjøres."),
        N_("Kjør «ovelse validate {name}» for å se feilene."),
    ),
    "session.already_begun": (N_("Øvelsen er allerede i gang."), ""),
    "session.not_begun": (
        N_("Øvelsen har ikke startet ennå."),
        N_("Start øvelsen når deltakerne er registrert."),
    ),
    "session.closed": (N_("Øvelsen er lukket."), N_("Åpne den på nytt for å fortsette.")),
    "session.ended": (
        N_("Øvelsen er avsluttet; ingenting mer kan legges til."),
        N_("Start en ny øvelse, eller eksporter rapporten fra journalen."),
    ),
    "session.not_applied": (N_("Hendelsen passet ikke og er ikke lagret: {detail}."), ""),
    "move.no_choices": (N_("Innspillet «{title}» har ingen valg."), N_("{next_hint}")),
    "move.no_such_choice": (N_("Valg nr. {number} finnes ikke."), N_("Velg et tall fra 1 til {count}.")),
    "move.choice_unavailable": (
        N_("Valget «{label}» er ikke tilgjengelig nå."),
        N_("Betingelsen for valget er ikke oppfylt; velg et av de andre valgene."),
    ),
    "move.no_next": (N_("Innspillet «{title}» har ikke noe neste innspill."), N_("{next_hint}")),
    "move.unknown_node": (N_("Ukjent innspill «{node}»."), N_("Velg et av innspillene i scenarioet.")),
    "move.already_there": (N_("Øvelsen står allerede i «{title}»."), N_("Velg et annet innspill.")),
    "move.first_node": (N_("Kan ikke gå tilbake: dette er det første innspillet."), ""),
    "inject.unknown": (N_("Ukjent ekstra innspill «{inject}»."), N_("Velg et av de ekstra innspillene.")),
    "inject.already_fired": (
        N_("Innspillet «{title}» er allerede gitt."),
        N_("Trekk tilbake den forrige registreringen hvis den var en feil."),
    ),
    "inject.unavailable": (
        N_("Innspillet «{title}» passer ikke med veien øvelsen har tatt."),
        N_("Betingelsen for innspillet er ikke oppfylt."),
    ),
    "role.already_held": (N_("{name} har allerede rollen «{role}»."), ""),
    "role.not_held": (N_("{name} har ikke rollen «{role}»."), ""),
    "role.unknown": (
        N_("Ukjent rolle «{role}»."),
        N_("Velg en rolle fra rollekatalogen («ovelse roller») eller scenarioets egne roller."),
    ),
    "objective.unknown": (
        N_("Ukjent øvingsmål «{objective}»."),
        N_("Velg et av målene i scenarioet: {known}."),
    ),
    "participant.unknown": (N_("Ukjent deltaker «{pid}»."), N_("Legg til deltakeren først.")),
    "lesson.unknown": (N_("Fant ikke læringspunkt nr. {seq}."), N_("Velg et registrert læringspunkt.")),
    "clock.already_paused": (
        N_("Øvelsen er allerede pauset."),
        N_("Trykk «fortsett» for å starte øvingsklokken igjen."),
    ),
    "clock.not_paused": (N_("Øvelsen er ikke pauset."), ""),
    "clock.bad_time": (
        N_("«{value}» er ikke et klokkeslett."),
        N_("Skriv klokkeslettet som TT:MM, for eksempel 10:15."),
    ),
    "correct.unchanged": (N_("Ingen endringer å lagre."), N_("Endre minst ett felt før du lagrer.")),
    "correct.no_fields": (N_("Ingen endringer å lagre."), N_("Oppgi minst ett felt som skal rettes.")),
    "correct.wrong_field": (
        N_("Feltet «{field}» kan ikke rettes her."),
        N_("Felt som kan rettes: {allowed}."),
    ),
    "action.same_status": (
        N_("Tiltaket har allerede denne statusen."),
        N_("Velg en annen status, eller skriv en kommentar i en retting."),
    ),
    "entry.cannot_retract": (
        N_("Oppføring nr. {seq} finnes ikke eller kan ikke trekkes tilbake."),
        N_(
            "Beslutninger, observasjoner, notater, deltakere, ekstra innspill og evalueringspunkter "
            "kan trekkes tilbake."
        ),
    ),
    "entry.cannot_correct": (
        N_("Oppføring nr. {seq} finnes ikke eller kan ikke rettes."),
        N_(
            "Fakta om øvelsen, beslutninger, observasjoner, notater, deltakere og evalueringspunkter "
            "kan rettes."
        ),
    ),
    "entry.cannot_status": (
        N_("Oppføring nr. {seq} er ikke et tiltak."),
        N_("Bare tiltak i tiltaksplanen har status."),
    ),
    "entry.retracted": (N_("Oppføring nr. {seq} er trukket tilbake."), N_("Den kan ikke endres lenger.")),
    "room.all_shown": (
        N_("Rommet ser allerede alt i dette innspillet."),
        N_("Gå videre til neste innspill, eller skjul noe."),
    ),
    "room.count_not_int": (N_("Antall viste meldinger må være et heltall."), ""),
    "room.count_range": (
        N_("Innspillet har {count} meldinger; kan ikke vise {asked}."),
        N_("Velg et tall fra 0 til {count}."),
    ),
    "room.not_bool": (N_("«{field}» må være sann eller usann."), ""),
    "room.unchanged": (N_("Rommet ser allerede dette."), ""),
    "rating.range": (
        N_("Vurderingen må være et helt tall fra 1 til 5."),
        N_("1 = ikke oppnådd, 3 = delvis oppnådd, 5 = fullt oppnådd."),
    ),
    "input.empty": (N_("«{name}» kan ikke være tom."), N_("Skriv inn en tekst.")),
    "input.not_list": (N_("«{name}» må være en liste."), ""),
    "input.too_long": (N_("«{name}» er for lang (høyst {max} tegn)."), N_("Kort ned teksten.")),
    "input.not_date": (
        N_("«{name}» må være en dato."),
        N_("Skriv datoen som ÅÅÅÅ-MM-DD, for eksempel 2027-10-15."),
    ),
    "input.year_range": (
        N_("«{name}» må være mellom år {first} og {last}."),
        N_("Skriv datoen som DD.MM.ÅÅÅÅ, for eksempel 01.12.2027."),
    ),
    "input.out_of_range": (N_("«{name}» er utenfor tillatt område."), ""),
    "input.not_allowed": (N_("Ugyldig verdi for «{name}»."), N_("Tillatte verdier: {expected}.")),
    "input.unknown_field": (N_("Ukjent felt «{field}»."), N_("Sjekk stavingen.")),
    "input.not_int": (N_("«{name}» må være et heltall."), ""),
    "input.invalid": (N_("Ugyldig verdi for «{name}»."), N_("Sjekk det du skrev inn.")),
    # -- replaying: what does not fit (shown inside journal.inconsistent) -----------------------------
    "replay.already_started": (N_("hendelse nr. {seq} ({type}): øvelsen er allerede startet"), ""),
    "replay.participant_exists": (N_("hendelse nr. {seq} ({type}): deltakeren «{pid}» finnes allerede"), ""),
    "replay.unknown_participant": (N_("hendelse nr. {seq} ({type}): ukjent deltaker «{pid}»"), ""),
    "replay.has_role": (N_("hendelse nr. {seq} ({type}): «{name}» har allerede rollen «{role}»"), ""),
    "replay.lacks_role": (N_("hendelse nr. {seq} ({type}): «{name}» har ikke rollen «{role}»"), ""),
    "replay.second_start": (N_("hendelse nr. {seq} ({type}): øvelsen har allerede et startpunkt"), ""),
    "replay.first_not_start": (N_("hendelse nr. {seq} ({type}): første innspill må ha via «start»"), ""),
    "replay.cannot_go_back": (N_("hendelse nr. {seq} ({type}): kan ikke gå tilbake til «{node}»"), ""),
    "replay.choice_as_move": (N_("hendelse nr. {seq} ({type}): valg registreres som choice_taken"), ""),
    "replay.choice_elsewhere": (
        N_("hendelse nr. {seq} ({type}): valget gjelder «{node}», men øvelsen står i «{current}»"),
        "",
    ),
    "replay.already_paused": (N_("hendelse nr. {seq} ({type}): øvelsen er allerede pauset"), ""),
    "replay.not_paused": (N_("hendelse nr. {seq} ({type}): øvelsen er ikke pauset"), ""),
    "replay.bad_target": (
        N_("hendelse nr. {seq} ({type}): hendelse nr. {target} kan ikke endres på denne måten"),
        "",
    ),
    "replay.target_retracted": (
        N_("hendelse nr. {seq} ({type}): hendelse nr. {target} er allerede trukket tilbake"),
        "",
    ),
    "replay.field_not_correctable": (
        N_("hendelse nr. {seq} ({type}): feltet «{field}» kan ikke rettes"),
        "",
    ),
    "replay.bad_value": (N_("hendelse nr. {seq} ({type}): ugyldig verdi i «{where}»"), ""),
    "replay.room_view_elsewhere": (
        N_("hendelse nr. {seq} ({type}): romvisningen gjelder «{node}», men øvelsen står i «{current}»"),
        "",
    ),
    "replay.after_end": (N_("hendelse nr. {seq} ({type}): øvelsen er allerede avsluttet"), ""),
    "replay.no_facts_first": (
        N_("hendelse nr. {seq} ({type}): journalen må begynne med exercise_started"),
        "",
    ),
    "replay.clock_backwards": (N_("hendelse nr. {seq} ({type}): øvingsklokken går baklengs"), ""),
    "replay.seq_gap": (
        N_("hendelse nr. {seq} ({type}): forventet hendelse nr. {expected}"),
        N_("journalen mangler linjer eller har dem i feil rekkefølge"),
    ),
    # -- the journal file ----------------------------------------------------------------------------
    "journal.not_journal": (
        N_("{name} er ikke en lesbar øvingsjournal: {why}."),
        N_("Oppgi en journalfil laget av ovelse (.jsonl)."),
    ),
    "journal.newer_format": (
        N_("{name} er laget av en nyere versjon av ovelse (journalformat {format})."),
        N_("Oppdater ovelse for å åpne denne journalen."),
    ),
    "journal.scenario_hash": (
        N_("Scenarioet i {name} stemmer ikke med kontrollsummen i journalhodet."),
        N_("Filen er endret utenfor ovelse. Bruk en sikkerhetskopi av journalen."),
    ),
    "journal.scenario_unreadable": (
        N_("Scenarioet som er lagret i {name}, kan ikke leses{detail}."),
        N_("Journalen er laget med en annen versjon av ovelse; prøv den versjonen."),
    ),
    "journal.corrupt_line": (
        N_("Linje {line} i {name} er ødelagt ({reason}); journalen kan ikke åpnes."),
        N_(
            "Ingenting er endret eller slettet. Ta en kopi av filen, og rett eller fjern linje {line} "
            "i et redigeringsprogram; linjene etter den er ikke lest."
        ),
    ),
    "journal.chain_mismatch": (
        N_(
            "Linje {line} i {name} stemmer ikke med kontrollkjeden: linjen, eller en linje før den, "
            "er endret etter at den ble skrevet."
        ),
        N_(
            "Ingenting er endret. Bruk en sikkerhetskopi av journalen; «ovelse verify» viser hvor "
            "endringen er."
        ),
    ),
    "journal.chain_missing": (
        N_(
            "Linje {line} i {name} mangler kontrollverdi, selv om linjene før den har det: linjen er "
            "lagt til eller endret utenfor ovelse."
        ),
        N_(
            "Ingenting er endret. Bruk en sikkerhetskopi av journalen; «ovelse verify» viser hvor "
            "endringen er."
        ),
    ),
    "journal.inconsistent": (
        N_("Linje {line} i {name} passer ikke med resten av journalen: {detail}."),
        N_(
            "Ingenting er endret. Journalen er trolig redigert utenfor ovelse; bruk en sikkerhetskopi, "
            "eller rett linjen for hånd (kopier filen først)."
        ),
    ),
    "journal.no_start": (
        N_("{name} mangler starten av øvelsen (linje 2)."),
        N_("Journalen er skadet; bruk en sikkerhetskopi."),
    ),
    "journal.unknown_node": (
        N_("Hendelse nr. {seq} i {name} viser til innspillet «{node}», som ikke finnes i scenarioet."),
        N_("Journalen er endret utenfor ovelse; bruk en sikkerhetskopi."),
    ),
    "journal.empty": (N_("{name} er tom."), N_("Filen inneholder ingen øvelse; start øvelsen på nytt.")),
    "journal.no_header": (
        N_("{name} er tom eller mangler journalhodet."),
        N_("Oppgi en journalfil laget av ovelse (.jsonl)."),
    ),
    "journal.too_large": (
        N_("{name} er større enn {limit} og kan ikke være en øvingsjournal; den er ikke lest."),
        N_("Oppgi en journalfil laget av ovelse (.jsonl). En vanlig journal er på noen få megabyte."),
    ),
    "journal.grew_too_large": (
        N_("{name} har vokst til over {limit} og kan ikke være en øvingsjournal; resten er ikke lest."),
        N_("Oppgi en journalfil laget av ovelse (.jsonl)."),
    ),
    "journal.is_dir": (
        N_("{shown} er en mappe, ikke en journalfil."),
        N_("Oppgi selve journalfilen (.jsonl)."),
    ),
    "journal.special_file": (
        N_("{shown} er {kind}, ikke en vanlig fil, og kan ikke være en øvingsjournal."),
        N_("Oppgi en journalfil laget av ovelse (.jsonl)."),
    ),
    "journal.locked": (
        N_("Øvelsen i {name} er allerede åpen i et annet ovelse-vindu."),
        N_(
            "Fortsett i det andre vinduet, eller lukk det først. En skjerm som bare skal vise øvelsen, "
            "kan åpne journalen skrivebeskyttet."
        ),
    ),
    "journal.closed": (N_("Journalen er lukket."), N_("Åpne øvelsen på nytt for å fortsette.")),
    "journal.follower_closed": (N_("Journalen er lukket."), N_("Åpne den på nytt.")),
    "journal.read_only_still": (
        N_("Journalen kan fortsatt åpnes skrivebeskyttet for å se eller eksportere øvelsen."),
        "",
    ),
    # -- the operating system said no ----------------------------------------------------------------
    "os.disk_full": (N_("Disken er full: kunne ikke {doing}."), N_("Frigjør plass på disken og prøv igjen.")),
    "os.read_only": (
        N_("Mappen {folder} er skrivebeskyttet: kunne ikke {doing}."),
        N_(
            "Gjør mappen skrivbar (eller velg en annen journalmappe med --journalmappe eller "
            "OVELSE_JOURNAL_DIR) og prøv igjen."
        ),
    ),
    "os.denied": (
        N_("Ingen tilgang til {shown}: kunne ikke {doing}."),
        N_(
            "Sjekk rettighetene til filen og mappen (eller velg en annen journalmappe med --journalmappe "
            "eller OVELSE_JOURNAL_DIR) og prøv igjen."
        ),
    ),
    "os.missing_folder": (
        N_("Kunne ikke {doing}: {folder} finnes ikke."),
        N_("Opprett mappen, eller velg en annen journalmappe med --journalmappe eller OVELSE_JOURNAL_DIR."),
    ),
    "os.not_found": (
        N_("Finner ikke {shown}."),
        N_("Sjekk navnet og mappen; «ovelse» uten argumenter viser påbegynte øvelser."),
    ),
    "os.not_dir_create": (
        N_("Kunne ikke {doing}: en del av stien {shown} er en fil, ikke en mappe."),
        N_(
            "Velg en annen journalmappe med --journalmappe eller OVELSE_JOURNAL_DIR, eller flytt filen "
            "som står i veien."
        ),
    ),
    "os.not_dir": (
        N_("Kunne ikke {doing}: en del av stien {shown} er en fil, ikke en mappe."),
        N_("Sjekk stien til journalfilen."),
    ),
    "os.exists_file_create": (
        N_("Kunne ikke {doing}: {shown} finnes allerede og er en fil, ikke en mappe."),
        N_(
            "Velg en annen journalmappe med --journalmappe eller OVELSE_JOURNAL_DIR, eller flytt filen "
            "som står i veien."
        ),
    ),
    "os.exists_create": (
        N_("Kunne ikke {doing}: {shown} finnes allerede."),
        N_(
            "Velg en annen journalmappe med --journalmappe eller OVELSE_JOURNAL_DIR, eller flytt filen "
            "som står i veien."
        ),
    ),
    "os.exists_file": (
        N_("Kunne ikke {doing}: {shown} finnes allerede og er en fil, ikke en mappe."),
        N_("Prøv igjen."),
    ),
    "os.exists": (N_("Kunne ikke {doing}: {shown} finnes allerede."), N_("Prøv igjen.")),
    "os.io": (
        N_("Lese- eller skrivefeil på disken: kunne ikke {doing}."),
        N_("Sjekk disken eller minnepinnen og prøv igjen."),
    ),
    "os.is_dir_create": (
        N_("Kunne ikke {doing}: {shown} er en mappe."),
        N_("Velg en annen journalmappe med --journalmappe eller OVELSE_JOURNAL_DIR."),
    ),
    "os.is_dir": (N_("{shown} er en mappe, ikke en journalfil."), N_("Oppgi selve journalfilen (.jsonl).")),
    "os.other": (N_("Kunne ikke {doing} ({shown}): {reason}."), N_("Rett årsaken og prøv igjen.")),
    "os.after_write": (N_("Alt som ble bekreftet lagret tidligere, ligger trygt i journalen."), ""),
    "os.after_read": (N_("Journalen er ikke endret."), ""),
    # -- the start screen's list ---------------------------------------------------------------------
    "listing.empty": (N_("Journalen er tom eller ufullstendig."), ""),
    "listing.unreadable": (N_("Journalen kan ikke leses ({kind})."), ""),
    "listing.folder_unreadable": (
        N_("Kan ikke lese journalmappen {folder}: {reason}."),
        N_("Sjekk rettighetene, eller velg en annen mappe med --journalmappe."),
    ),
    # -- notices on open -----------------------------------------------------------------------------
    "notice.torn_set_aside": (
        N_(
            "Den siste linjen i journalen (linje {line}) var ufullstendig: programmet ble stoppet midt i "
            "en lagring. Linjen ({size} byte) er flyttet til {side}; alt før den er beholdt."
        ),
        N_("Det som ble vist som lagret, er med. Sjekk at den siste handlingen før stoppet er registrert."),
    ),
    "notice.torn_skipped": (
        N_("Den siste linjen i {name} (linje {line}) er ufullstendig og er ikke tatt med."),
        N_(
            "Programmet ble trolig stoppet midt i en lagring. Åpne øvelsen i ovelse for å sette linjen til side."
        ),
    ),
    "notice.unsealed": (
        N_(
            "{name} er laget av en eldre versjon av ovelse: linjene har ingen kontrollverdier, så en "
            "endring i filen kan ikke oppdages."
        ),
        N_("Øvelsen kan brukes som før. Nye hendelser får kontrollverdier som også dekker linjene før dem."),
    ),
    "notice.unsealed_before": (
        N_(
            "{name} ble begynt med en eldre versjon av ovelse: linjene før linje {first} har ingen egne "
            "kontrollverdier."
        ),
        N_("Kontrollverdiene fra linje {first} dekker også linjene før, så en endring i dem blir oppdaget."),
    ),
}

register_messages(MESSAGES)
