"""Built-in role catalogue: kriseledelse, beredskapsråd and exercise roles."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

RoleGroup = Literal["kriseledelse", "beredskapsrad", "ovelse", "scenario"]

GROUP_NAMES: dict[str, str] = {
    "kriseledelse": "Kriseledelse",
    "beredskapsrad": "Beredskapsråd",
    "ovelse": "Øvingsroller",
    "scenario": "Scenarioets egne roller",
}


@dataclass(frozen=True, slots=True)
class Role:
    """A role in the room: id used in scenarios, Norwegian name, one-line responsibility."""

    id: str
    name: str
    group: RoleGroup
    responsibility: str


_CATALOGUE: tuple[Role, ...] = (
    # Kriseledelse
    Role(
        "ordforer",
        "Ordfører",
        "kriseledelse",
        "Kommunens ansikt utad; kan ta hastevedtak etter kommuneloven § 11-8.",
    ),
    Role(
        "kommunedirektor", "Kommunedirektør", "kriseledelse", "Leder kommunens krisearbeid og administrasjon."
    ),
    Role(
        "beredskapskoordinator",
        "Beredskapskoordinator",
        "kriseledelse",
        "Stabsarbeid, situasjonsbilde og kontakt med Statsforvalteren.",
    ),
    Role("kommuneoverlege", "Kommuneoverlege", "kriseledelse", "Medisinskfaglig rådgivning og smittevern."),
    Role(
        "kommunalsjef-helse",
        "Kommunalsjef helse og omsorg",
        "kriseledelse",
        "Sykehjem, hjemmetjenester og helsetjenester i krise.",
    ),
    Role(
        "kommunalsjef-oppvekst",
        "Kommunalsjef oppvekst",
        "kriseledelse",
        "Skoler, barnehager og barn og unge.",
    ),
    Role(
        "kommunalsjef-teknisk",
        "Kommunalsjef teknisk / vann og avløp",
        "kriseledelse",
        "Veier, bygg, vannforsyning og avløp.",
    ),
    Role(
        "kommunikasjonsansvarlig",
        "Kommunikasjonsansvarlig",
        "kriseledelse",
        "Media, publikumstelefon, nettsider og sosiale medier.",
    ),
    Role(
        "loggforer",
        "Loggfører (kriseledelsen)",
        "kriseledelse",
        "Fører kriseledelsens logg over hendelser og beslutninger.",
    ),
    Role(
        "ikt-ansvarlig",
        "IKT-ansvarlig",
        "kriseledelse",
        "Kommunens IKT-systemer, digital sikkerhet og reserveløsninger.",
    ),
    Role(
        "eps-leder",
        "Leder for evakuerte- og pårørendesenter (EPS)",
        "kriseledelse",
        "Mottak, registrering og omsorg for evakuerte og pårørende.",
    ),
    Role(
        "psykososialt-kriseteam",
        "Psykososialt kriseteam",
        "kriseledelse",
        "Psykososial støtte til rammede, pårørende og innsatspersonell.",
    ),
    # Beredskapsråd
    Role(
        "politi",
        "Politiet",
        "beredskapsrad",
        "Leder redningsinnsats; beslutter evakuering og sender Nødvarsel i fred.",
    ),
    Role(
        "heimevernet",
        "Heimevernet",
        "beredskapsrad",
        "Vakthold og sikring av viktige objekter; støtte til politiet og sivilsamfunnet.",
    ),
    Role(
        "forsvaret",
        "Forsvaret",
        "beredskapsrad",
        "Militære operasjoner og behov for sivil støtte (vertslandsstøtte).",
    ),
    Role(
        "sivilforsvaret",
        "Sivilforsvaret",
        "beredskapsrad",
        "Forsterkning ved evakuering og tilfluktsrom; kan sende Nødvarsel i krig.",
    ),
    Role(
        "brann-og-redning",
        "Brann og redning",
        "beredskapsrad",
        "Brannvern, redningsinnsats og akutt forurensning.",
    ),
    Role("rode-kors", "Røde Kors", "beredskapsrad", "Frivillig innsats: søk, førstehjelp, omsorg og mottak."),
    Role(
        "norsk-folkehjelp",
        "Norsk Folkehjelp",
        "beredskapsrad",
        "Frivillig redningstjeneste og støtte ved evakuering.",
    ),
    Role(
        "frivillige",
        "Andre frivillige organisasjoner",
        "beredskapsrad",
        "Lag og foreninger som kan mobiliseres lokalt.",
    ),
    Role(
        "helseforetak",
        "Helseforetak / AMK",
        "beredskapsrad",
        "Spesialisthelsetjeneste, ambulanse og akuttmedisinsk kommunikasjon.",
    ),
    Role("nve", "NVE", "beredskapsrad", "Flom, skred og damsikkerhet; farevarsler og faglig råd."),
    Role(
        "statsforvalteren",
        "Statsforvalteren",
        "beredskapsrad",
        "Samordner regionalt, veileder kommunen og formidler til sentrale myndigheter.",
    ),
    Role("mattilsynet", "Mattilsynet", "beredskapsrad", "Trygg mat og drikkevann; tilsyn med vannverk."),
    Role(
        "statens-vegvesen",
        "Statens vegvesen",
        "beredskapsrad",
        "Riksveier og trafikkstyring; stengning og omkjøring.",
    ),
    Role(
        "fylkeskommunen",
        "Fylkeskommunen",
        "beredskapsrad",
        "Fylkesveier, kollektivtransport og videregående skoler.",
    ),
    Role(
        "nettselskap",
        "Nettselskap (strøm)",
        "beredskapsrad",
        "Strømforsyning, feilretting og prioritering av gjenoppretting.",
    ),
    Role("ekom", "Ekom (telekom)", "beredskapsrad", "Mobil- og fastnett, reservestrøm på basestasjoner."),
    Role(
        "naeringsliv",
        "Lokal industri og næringsliv",
        "beredskapsrad",
        "Større virksomheter med egne beredskapsplaner og ressurser.",
    ),
    # Exercise roles
    Role("ovingsleder", "Øvingsleder", "ovelse", "Leder øvelsen, gir innspill og holder tiden."),
    Role("spiller", "Spiller / deltaker", "ovelse", "Deltar i diskusjonen i sin egen rolle."),
    Role("referent", "Referent / loggfører", "ovelse", "Logger beslutninger, uenighet og åpne spørsmål."),
    Role("observator", "Observatør / evaluator", "ovelse", "Vurderer gjennomføringen opp mot øvingsmålene."),
    Role(
        "fagressurs", "Fagressurs / innleder", "ovelse", "Gir faglige innledninger og svarer på fagspørsmål."
    ),
)

CATALOGUE: dict[str, Role] = {role.id: role for role in _CATALOGUE}


def catalogue_role(role_id: str) -> Role | None:
    """Return the built-in role with this id, or None."""
    return CATALOGUE.get(role_id)
