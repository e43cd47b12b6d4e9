"""Texts of the register's screen in the app (ovelse/tui/screens/register_screen.py), kept here so that
they belong to the register's catalogue (ovelse/i18n/po/nn/register.po)."""

from __future__ import annotations

from ovelse.i18n import N_

TEXT: dict[str, str] = {
    "avbryt": N_("Avbryt"),
    "ny_status_for_tiltak": N_("Ny status for tiltak nr. {id}"),
    "velg_med_14_skriv": N_("Velg med 1–4, skriv en kommentar og trykk Enter."),
    "kommentar_valgfri": N_("Kommentar (valgfri)"),
    "lagre_enter": N_("Lagre (Enter)"),
    "avbryt_esc": N_("Avbryt (Esc)"),
    "sk": N_("Søk"),
    "forfalte": N_("Forfalte"),
    "ny_status": N_("Ny status"),
    "oppdater": N_("Oppdater"),
    "avslutt": N_("Avslutt"),
    "velsesregisteret_tiltak_pa_tvers": N_("Øvingsregisteret – tiltak på tvers av øvelser"),
    "sk_i_tiltak_og": N_("Søk i tiltak og ansvarlig (/)"),
    "nr": N_("Nr."),
    "frist": N_("Frist"),
    "status": N_("Status"),
    "tiltak": N_("Tiltak"),
    "ansvarlig": N_("Ansvarlig"),
    "kommune": N_("Kommune"),
    "viser_de_n_frste": N_("(viser de {n} første; søk for å snevre inn)"),
    "bare_forfalte": N_("bare forfalte"),
    "alle": N_("alle"),
    "ingen_tiltak_passer_med": N_("Ingen tiltak passer med filteret."),
    "fra_title_date_ansvarlig": N_("Fra {title} ({date}) · ansvarlig: {owner} · frist: {deadline}"),
    "ingen_statusendringer_i_registeret": N_(
        "Ingen statusendringer i registeret; status fra journalen: {status}."
    ),
    "tiltak_nr_id_status": N_("Tiltak nr. {id}: {status}"),
    "n_tiltak": N_("{n} tiltak"),
    "velsesregisteret": N_("Øvingsregisteret"),
}
